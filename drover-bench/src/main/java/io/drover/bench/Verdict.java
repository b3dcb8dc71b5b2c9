package io.drover.bench;

import io.drover.JobState;
import io.drover.store.JobStore;
import io.drover.store.QueueStats;
import java.util.List;
import java.util.Map;

/**
 * Whether every job of a scenario completed exactly once, judged from two sides: the handlers' run
 * counts and the store's own counts for the scenario's queue.
 *
 * @param expected jobs the scenario enqueued to be run
 * @param runs handler runs counted
 * @param lost jobs the store does not show completed
 * @param duplicated runs beyond one per job
 * @param leftOver jobs of the queue in any state but completed (stuck, retrying, failed)
 */
public record Verdict(long expected, long runs, long lost, long duplicated, long leftOver) {

  /**
   * Judges a finished scenario.
   *
   * @param completedBefore jobs of the queue completed before the fleet started (seeded history)
   */
  static Verdict judge(
      JobStore store, String queue, long expected, long completedBefore, FleetResult ran) {
    QueueStats stats =
        store.stats().stream()
            .filter(s -> s.queue().equals(queue))
            .findFirst()
            .orElse(new QueueStats(queue, Map.of(), null, false));
    long completed = stats.count(JobState.COMPLETED) - completedBefore;
    long leftOver = stats.total() - stats.count(JobState.COMPLETED);
    // Across processes, the per-process counts cannot see a job run once in each of two
    // processes; runs beyond the completed jobs can.
    long duplicated = Math.max(ran.duplicated(), ran.runs() - completed);
    return new Verdict(
        expected, ran.runs(), Math.max(0, expected - completed), Math.max(0, duplicated), leftOver);
  }

  /** This verdict and a later one of the same scenario, as one: the later one says what is left. */
  Verdict then(Verdict later) {
    return new Verdict(
        expected + later.expected,
        runs + later.runs,
        lost + later.lost,
        duplicated + later.duplicated,
        later.leftOver);
  }

  public boolean exactlyOnce() {
    return runs == expected && lost == 0 && duplicated == 0 && leftOver == 0;
  }

  List<Metric> metrics() {
    return List.of(
        new Metric(
            "exactly_once",
            "every job completed exactly once",
            exactlyOnce() ? 1 : 0,
            exactlyOnce() ? "yes" : "NO"),
        new Metric("lost", "jobs not completed", lost, "jobs"),
        new Metric("duplicated", "extra handler runs", duplicated, "runs"));
  }
}
