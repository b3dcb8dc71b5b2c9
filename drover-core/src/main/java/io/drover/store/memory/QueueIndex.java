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
import java.util.function.Predicate;

/**
 * One queue's claimable jobs and counts. Due jobs wait in one {@link PriorityLevel} per priority,
 * each in claim order and split by key, so the next job is found in at most ten steps and a key
 * held back by a limit is passed over in one; jobs whose run_at is still ahead wait apart, sorted
 * by time, and move over once due, so a claim never walks past future jobs.
 */
final class QueueIndex {
  final String name;
  boolean paused;
  private boolean fair;

  /** Index {@code p - Priority.MIN} holds the due jobs of priority {@code p}. */
  private final List<PriorityLevel> due = new ArrayList<>();

  private final TreeSet<StoredJob> notYetDue = new TreeSet<>(StoredJob.BY_RUN_AT);
  private final Map<JobState, Long> counts = new EnumMap<>(JobState.class);
  private long total;

  QueueIndex(String name) {
    this.name = name;
    for (int p = Priority.MIN; p <= Priority.MAX; p++) {
      due.add(new PriorityLevel());
    }
  }

  void count(JobState state, int delta) {
    counts.merge(state, (long) delta, Long::sum);
    total += delta;
  }

  void addClaimable(StoredJob job, Instant now) {
    if (job.runAt.isAfter(now)) {
      notYetDue.add(job);
    } else {
      level(job).add(job);
    }
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

  /** The run_at of the earliest job not due at {@code now}, or null when there is none. */
  Instant nextDue(Instant now) {
    // Due jobs stay here until a claim promotes them, which a pause or no claim at all delays.
    for (StoredJob job : notYetDue) {
      if (job.runAt.isAfter(now)) {
        return job.runAt;
      }
    }
    return null;
  }

  /**
   * The next job to claim among those already promoted that {@code admits} takes, passing over a
   * key whose first job it refuses; or null.
   */
  StoredJob next(Predicate<StoredJob> admits) {
    for (int i = due.size() - 1; i >= 0; i--) {
      StoredJob next = due.get(i).next(admits);
      if (next != null) {
        return next;
      }
    }
    return null;
  }

  /** Records that a claim took {@code job}: in a fair queue its key goes to the back. */
  void served(StoredJob job) {
    if (fair) {
      level(job).served(job.lane());
    }
  }

  /** Makes the queue take turns across keys within a priority, or stop doing so. */
  void fair(boolean fair) {
    if (this.fair != fair) {
      this.fair = fair;
      due.forEach(level -> level.fair(fair));
    }
  }

  /** Each due job that {@code counted} takes, tallied by key into {@code waiting}. */
  void countWaiting(Predicate<StoredJob> counted, Map<String, WaitingTally> waiting) {
    due.forEach(level -> level.countWaiting(counted, waiting));
  }

  boolean isEmpty() {
    return total == 0;
  }

  /** Counts as of now; call {@link #promoteDue} first so the oldest waiting job is current. */
  QueueStats stats() {
    Instant oldest = null;
    for (PriorityLevel level : due) {
      Instant first = level.oldest();
      if (first != null && (oldest == null || first.isBefore(oldest))) {
        oldest = first;
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

  private PriorityLevel level(StoredJob job) {
    return due.get(job.spec.priority() - Priority.MIN);
  }
}
