package io.drover.store.memory;

import io.drover.Job;
import io.drover.JobNotFoundException;
import io.drover.JobState;
import io.drover.store.EarliestDue;
import io.drover.store.JobOrder;
import io.drover.store.JobPage;
import io.drover.store.JobQuery;
import io.drover.store.LeaseRef;
import io.drover.store.QueuePattern;
import io.drover.store.QueueStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The memory store's jobs and the indexes that find them without a scan: each job sits in exactly
 * one index for its state (claimable in its queue, active by lease expiry, terminal by finish
 * time). Not thread-safe; {@link MemoryJobStore} calls it under its lock.
 */
final class JobTable {
  private final NavigableMap<UUID, StoredJob> jobs = new TreeMap<>(JobOrder.ID_ASCENDING);
  private final Map<String, QueueIndex> queues = new TreeMap<>();
  private final TreeSet<StoredJob> leases = new TreeSet<>(StoredJob.BY_LEASE_EXPIRY);
  private final Map<JobState, TreeSet<StoredJob>> finished = new EnumMap<>(JobState.class);
  final DedupIndex dedup = new DedupIndex();
  final LimitBook limits = new LimitBook();
  private final Set<String> ready = new LinkedHashSet<>();
  private final EarliestDue dues = new EarliestDue();

  JobTable() {
    for (JobState state : JobState.values()) {
      if (state.isTerminal()) {
        finished.put(state, new TreeSet<>(StoredJob.BY_FINISHED_AT));
      }
    }
  }

  /**
   * The wake-ups of the jobs made claimable since the last call: the queues of those due now, and a
   * {@link io.drover.store.WakeupMessage#due} per queue for the delayed ones.
   */
  List<String> takeWakeups() {
    // Called after every call under the store's lock, most of which make nothing claimable.
    if (ready.isEmpty() && dues.isEmpty()) {
      return List.of();
    }
    List<String> messages = new ArrayList<>(ready);
    ready.clear();
    dues.addTo(messages);
    dues.clear();
    return messages;
  }

  boolean contains(UUID id) {
    return jobs.containsKey(id);
  }

  StoredJob find(UUID id) {
    return jobs.get(id);
  }

  StoredJob require(UUID id) {
    StoredJob job = jobs.get(id);
    if (job == null) {
      throw new JobNotFoundException(id);
    }
    return job;
  }

  /** The job if it is still active under exactly this lease's token, else null. */
  StoredJob held(LeaseRef lease) {
    StoredJob job = jobs.get(lease.jobId());
    return job != null && job.isHeldUnder(lease.token()) ? job : null;
  }

  void insert(StoredJob job, Instant now) {
    jobs.put(job.id(), job);
    index(job, now);
    dedup.take(job);
  }

  /** Takes a job out of its index, edits it, and files it back under its new state and times. */
  void change(StoredJob job, Instant now, Consumer<StoredJob> edit) {
    unindex(job);
    edit.accept(job);
    index(job, now);
  }

  void delete(StoredJob job) {
    unindex(job);
    jobs.remove(job.id());
    dedup.release(job);
  }

  QueueIndex queue(String name) {
    QueueIndex queue = queues.get(name);
    if (queue == null) {
      queue = new QueueIndex(name);
      queue.fair(limits.isFair(name));
      queues.put(name, queue);
    }
    return queue;
  }

  /** Makes each queue fair or not as the limits now say: after a limit changed. */
  void refreshFairness() {
    queues.values().forEach(queue -> queue.fair(limits.isFair(queue.name)));
  }

  /** The names of the queues that {@code matches} takes. */
  Set<String> queueNames(Predicate<String> matches) {
    Set<String> names = new LinkedHashSet<>();
    for (String name : queues.keySet()) {
      if (matches.test(name)) {
        names.add(name);
      }
    }
    return names;
  }

  /** The active jobs, for counting a limit's slots afresh. */
  Iterable<StoredJob> active() {
    return leases;
  }

  /**
   * The due jobs that {@code counted} takes, tallied by key, across the queues that {@code inQueue}
   * takes, as of now.
   */
  Map<String, WaitingTally> waitingByKey(
      Predicate<String> inQueue, Predicate<StoredJob> counted, Instant now) {
    Map<String, WaitingTally> waiting = new TreeMap<>();
    for (QueueIndex queue : queues.values()) {
      if (inQueue.test(queue.name)) {
        queue.promoteDue(now);
        queue.countWaiting(counted, waiting);
      }
    }
    return waiting;
  }

  /** The unpaused queues any pattern matches, their due jobs promoted as of now. */
  List<QueueIndex> open(List<QueuePattern> patterns, Instant now) {
    List<QueueIndex> open = new ArrayList<>();
    for (QueueIndex queue : queues.values()) {
      if (!queue.paused && QueuePattern.anyMatches(patterns, queue.name)) {
        queue.promoteDue(now);
        open.add(queue);
      }
    }
    return open;
  }

  /** The earliest run_at after {@code now} of a job in a queue the patterns match, or null. */
  Instant nextDue(List<QueuePattern> patterns, Instant now) {
    Instant earliest = null;
    for (QueueIndex queue : queues.values()) {
      if (QueuePattern.anyMatches(patterns, queue.name)) {
        Instant due = queue.nextDue(now);
        if (due != null && (earliest == null || due.isBefore(earliest))) {
          earliest = due;
        }
      }
    }
    return earliest;
  }

  /**
   * The next job to claim across {@code open} that {@code admits} takes, or null when none is due.
   */
  static StoredJob nextClaim(List<QueueIndex> open, Predicate<StoredJob> admits) {
    StoredJob best = null;
    for (QueueIndex queue : open) {
      StoredJob head = queue.next(admits);
      if (head != null && (best == null || StoredJob.CLAIM_ORDER.compare(head, best) < 0)) {
        best = head;
      }
    }
    return best;
  }

  /** The active job whose lease ran out earliest, if that was before now; else null. */
  StoredJob oldestExpired(Instant now) {
    return leases.isEmpty() || !leases.first().leaseExpiresAt.isBefore(now) ? null : leases.first();
  }

  /**
   * The job in a terminal state that finished earliest, if before {@code cutoff}; else null. Steps
   * are left out: they go with their run.
   */
  StoredJob oldestFinished(JobState state, Instant cutoff) {
    TreeSet<StoredJob> oldestFirst = finished.get(state);
    return oldestFirst.isEmpty() || !oldestFirst.first().finishedAt.isBefore(cutoff)
        ? null
        : oldestFirst.first();
  }

  /**
   * Up to {@code max} jobs of {@code queue} in {@code state}, in id order, starting after {@code
   * after} when not null, leaving out steps (they go with their run). No index holds a queue's jobs
   * by state, so this walks the table; a purge passes its last id back in to walk it once in all.
   */
  List<StoredJob> inState(String queue, JobState state, UUID after, int max) {
    NavigableMap<UUID, StoredJob> later = after == null ? jobs : jobs.tailMap(after, false);
    List<StoredJob> found = new ArrayList<>();
    for (StoredJob job : later.values()) {
      if (job.state == state && job.queue().equals(queue) && !job.isStep()) {
        found.add(job);
        if (found.size() == max) {
          break;
        }
      }
    }
    return found;
  }

  List<QueueStats> stats(Instant now) {
    List<QueueStats> stats = new ArrayList<>();
    for (QueueIndex queue : queues.values()) {
      if (!queue.isEmpty() || queue.paused) {
        queue.promoteDue(now);
        stats.add(queue.stats());
      }
    }
    return stats;
  }

  /** One page of {@code query}, newest id first, starting below {@code after} when not null. */
  JobPage page(JobQuery query, UUID after) {
    NavigableMap<UUID, StoredJob> older = after == null ? jobs : jobs.headMap(after, false);
    List<Job> fetched = new ArrayList<>();
    for (StoredJob job : older.descendingMap().values()) {
      if (matches(query, job)) {
        fetched.add(job.snapshot());
        if (fetched.size() > query.limit()) {
          break;
        }
      }
    }
    return JobPage.of(fetched, query.limit());
  }

  private static boolean matches(JobQuery query, StoredJob job) {
    return (query.queue() == null || query.queue().equals(job.queue()))
        && (query.state() == null || query.state() == job.state)
        && (query.kind() == null || query.kind().equals(job.spec.kind()))
        && (query.tag() == null || job.spec.tags().contains(query.tag()))
        && (query.createdFrom() == null || !job.createdAt.isBefore(query.createdFrom()))
        && (query.createdTo() == null || job.createdAt.isBefore(query.createdTo()));
  }

  private void index(StoredJob job, Instant now) {
    QueueIndex queue = queue(job.queue());
    queue.count(job.state, 1);
    if (job.state.isClaimable()) {
      queue.addClaimable(job, now);
      if (job.runAt.isAfter(now)) {
        dues.add(job.queue(), job.runAt);
      } else {
        ready.add(job.queue());
      }
    } else if (job.state == JobState.ACTIVE) {
      leases.add(job);
      limits.started(job);
    } else if (job.state.isTerminal() && !job.isStep()) {
      finished.get(job.state).add(job);
    }
  }

  private void unindex(StoredJob job) {
    QueueIndex queue = queue(job.queue());
    queue.count(job.state, -1);
    if (job.state.isClaimable()) {
      queue.removeClaimable(job);
    } else if (job.state == JobState.ACTIVE) {
      leases.remove(job);
      limits.stopped(job);
    } else if (job.state.isTerminal() && !job.isStep()) {
      finished.get(job.state).remove(job);
    }
  }
}
