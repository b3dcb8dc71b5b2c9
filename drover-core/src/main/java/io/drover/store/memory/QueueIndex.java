package io.drover.store.memory;

import io.drover.JobState;
import io.drover.Priority;
import io.drover.store.QueueStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One queue's claimable jobs and counts. Due jobs wait in one set per priority level, each in claim
 * order, so the next job is found in at most ten steps; jobs whose run_at is still ahead wait
 * apart, sorted by time, and move over once due, so a claim never walks past future jobs.
 */
final class QueueIndex {
  final String name;
  boolean paused;

  /** Index {@code p - Priority.MIN} holds the due jobs of priority {@code p}. */
  private final List<TreeSet<StoredJob>> due = new ArrayList<>();

  private final TreeSet<StoredJob> notYetDue = new TreeSet<>(StoredJob.BY_RUN_AT);
  private final Map<JobState, Long> counts = new EnumMap<>(JobState.class);
  private long total;

  QueueIndex(String name) {
    this.name = name;
    for (int p = Priority.MIN; p <= Priority.MAX; p++) {
      due.add(new TreeSet<>(StoredJob.BY_RUN_AT));
    }
  }

  void count(JobState state, int delta) {
    counts.merge(state, (long) delta, Long::sum);
    total += delta;
  }

  void addClaimable(StoredJob job, Instant now) {
    (job.runAt.isAfter(now) ? notYetDue : level(job)).add(job);
  }

  void removeClaimable(StoredJob job) {
    if (!level(job).remove(job)) {
      notYetDue.remove(job);
    }
  }

  /** Moves every job whose run_at has come into its priority level. */
  void promoteDue(Instant now) {
    while (!notYetDue.isEmpty() && !notYetDue.first().runAt.isAfter(now)) {
      StoredJob job = notYetDue.pollFirst();
      level(job).add(job);
    }
  }

  /** The next job to claim among those already promoted, or null. */
  StoredJob next() {
    for (int i = due.size() - 1; i >= 0; i--) {
      TreeSet<StoredJob> level = due.get(i);
      if (!level.isEmpty()) {
        return level.first();
      }
    }
    return null;
  }

  boolean isEmpty() {
    return total == 0;
  }

  /** Counts as of now; call {@link #promoteDue} first so the oldest waiting job is current. */
  QueueStats stats() {
    Instant oldest = null;
    for (TreeSet<StoredJob> level : due) {
      if (!level.isEmpty() && (oldest == null || level.first().runAt.isBefore(oldest))) {
        oldest = level.first().runAt;
      }
    }
    Map<JobState, Long> present = new EnumMap<>(JobState.class);
    counts.forEach(
        (state, n) -> {
          if (n > 0) {
            present.put(state, n);
          }
        });
    return new QueueStats(name, present, oldest, paused);
  }

  private TreeSet<StoredJob> level(StoredJob job) {
    return due.get(job.spec.priority() - Priority.MIN);
  }
}
