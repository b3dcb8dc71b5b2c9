package io.drover.store;

import io.drover.Job;
import io.drover.JobNotFoundException;
import io.drover.JobSpec;
import io.drover.schedule.ScheduleStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Where jobs live: the one port every store implements and {@code drover-store-tck} defines (DESIGN
 * §5). Batch-first, because round trips are what a queue costs.
 *
 * <p>Every time decision (is a job due, when does a lease expire) uses the store's clock, given at
 * construction, so tests can move time. Times are kept to the millisecond. Driver exceptions never
 * leak: a store unreachable or too slow throws {@link io.drover.StoreUnavailableException} (retry
 * later); a store that answered with an error (a bug, bad data) throws {@link
 * io.drover.StoreFailureException} (retrying the same call will not help).
 */
public interface JobStore extends AutoCloseable {

  /** The driver's name as in {@code DROVER_STORE}: memory, sqlite, postgres, redis. */
  String name();

  /**
   * Inserts jobs, each atomically, in order. A spec whose id exists already, or whose {@code
   * dedup_key} matches a job in the same queue created less than its {@code dedup_window} ago,
   * makes no job; its answer carries the existing id and {@code created=false}. A spec with a
   * future {@code run_at} starts {@code scheduled}, otherwise {@code waiting}. Listeners of {@link
   * #subscribe} hear of the queues that got new jobs once they are committed.
   *
   * @return one answer per spec, in the same order
   * @throws io.drover.InvalidJobException for specs with {@code depends_on} or {@code run_id}:
   *     steps join a run only through {@link io.drover.workflow.WorkflowStore}
   */
  List<Enqueued> enqueue(List<JobSpec> specs);

  /**
   * Claims up to {@code max} jobs that are claimable ({@code waiting}, or {@code scheduled}/{@code
   * retrying}) with {@code run_at <= now}, in a queue matching one of the patterns that is not
   * paused: highest priority first, then earliest {@code run_at}, then smallest id. Each is moved
   * to {@code active}, its attempt incremented, {@code started_at} set, its worker set, and given a
   * fresh lease token ({@link LeaseTokens}) larger than any it had and never issued before, even by
   * a claim the store lost in a crash, expiring at now + lease. Two claims, from any number of
   * threads or processes, never return the same job.
   *
   * @return the claimed jobs, in claim order, as they are after the claim
   */
  List<Job> claim(ClaimRequest request);

  /**
   * When the earliest job waiting for its time ({@code scheduled} or {@code retrying} with {@code
   * run_at} after now) in a queue matching one of the patterns becomes due; empty when there is
   * none. Jobs due already are left out, whatever holds them (a pause, a limit): an idle worker
   * sleeps until this time or a wake-up, since nothing announces a time coming.
   */
  Optional<Instant> nextDue(List<QueuePattern> queues);

  /**
   * Extends each lease that is still held (job {@code active} under that token) to now + lease.
   *
   * @return the ids whose leases were extended; the caller has lost all others
   */
  Set<UUID> heartbeat(HeartbeatRequest request);

  /**
   * Moves held jobs to {@code completed}, storing the result and {@code finished_at}, clearing the
   * lease expiry. Leases not held are ignored. A completion whose added steps break a rule of their
   * run fails its job for good instead, with the rule as the error (stores that run workflows).
   *
   * @return what changed, one answer per job changed, in the completions' order
   */
  List<JobChange> complete(List<Completion> completions);

  /**
   * Records a failed attempt on each held job: appends the error, then {@code retrying} with {@code
   * run_at = retryAt}, or {@code failed} with {@code finished_at} when retryAt is null.
   *
   * @return what changed, one answer per job changed, in the failures' order
   */
  List<JobChange> fail(List<Failure> failures);

  /**
   * Returns held jobs to {@code waiting} at once, giving back the attempt the claim used.
   *
   * @return what changed, one answer per job released, in the releases' order
   */
  List<JobChange> release(List<Release> releases);

  /**
   * Stores progress on held jobs; they stay {@code active}.
   *
   * @return one answer per update stored, in the updates' order
   */
  List<JobChange> updateProgress(List<ProgressUpdate> updates);

  /**
   * Recovers up to {@code max} {@code active} jobs whose lease expired before now, earliest expired
   * first: for each, the request's {@link LeaseExpiry} (core's {@link io.drover.lifecycle.JobFate})
   * decides the failed attempt to record, and the store records it as {@link #fail} would, fenced
   * by the token it read. A row the store cannot read is failed for good through {@link
   * LeaseExpiry#unreadable}, never stopping the batch. Safe to run from any number of processes at
   * once: each job is recovered once.
   *
   * @return what changed, one answer per job recovered, earliest expired first, each with the
   *     message of the failed attempt recorded
   */
  List<JobChange> reapExpiredLeases(ReapRequest request);

  /**
   * Deletes up to {@code batchSize} terminal jobs finished longer ago than their state's retention,
   * and forgets de-duplication keys whose window has passed. Steps are not deleted alone: a run
   * whose steps have all finished goes whole, with all its steps, once its own state's retention
   * has passed (a large run may take the batch over its size).
   *
   * @return how many jobs were deleted
   */
  int cleanup(CleanupRequest request);

  Optional<Job> get(UUID id);

  /** Jobs matching the query's filters, newest first, one page at a time. */
  JobPage list(JobQuery query);

  /**
   * Cancels a job in any non-terminal state (an active job's worker then loses its lease).
   *
   * @return true if the job was cancelled now, false if it was already terminal
   * @throws JobNotFoundException if no job has this id
   */
  boolean cancel(UUID id);

  /**
   * Makes a {@code scheduled}, {@code retrying}, {@code failed} or {@code cancelled} job {@code
   * waiting} and due now; a job with no attempts left gets one more.
   *
   * @return true if the job was moved, false if its state does not allow it (waiting, active,
   *     completed, blocked)
   * @throws JobNotFoundException if no job has this id
   * @throws io.drover.workflow.StepOfRunException for a failed or cancelled step of a run: its run
   *     is retried as a whole
   */
  boolean retryNow(UUID id);

  /**
   * Deletes a job that is not {@code active}: the job, its entries in the store's indexes, and the
   * de-duplication key it still holds, so that a later spec with that key makes a new job. An
   * active job is left alone because a worker holds its lease; cancel it first.
   *
   * @return true if the job was deleted, false if it is active
   * @throws JobNotFoundException if no job has this id
   * @throws io.drover.workflow.StepOfRunException for a step of a run: it goes with its run
   */
  boolean delete(UUID id);

  /**
   * Deletes every job of the request's queue in its state, each as {@link #delete} does, in
   * transactions of bounded size, so that purging millions of jobs never holds the store for long;
   * jobs entering or leaving the state meanwhile may or may not be deleted. Steps of runs are left
   * alone: they go with their run. A paused queue stays paused.
   *
   * @return how many jobs were deleted; 0 for a queue that has none or was never seen
   */
  int purge(PurgeRequest request);

  /** Counts per queue and state, for every queue that has jobs or is paused, sorted by name. */
  List<QueueStats> stats();

  /** Stops claims from a queue (idempotent); the queue need not have jobs yet. */
  void pauseQueue(String queue);

  /** Lets claims take from a queue again (idempotent). */
  void resumeQueue(String queue);

  /** Adds or replaces a worker in the registry. */
  void registerWorker(WorkerInfo worker);

  /** Records a worker's heartbeat and running count; a worker not registered is ignored. */
  void heartbeatWorker(WorkerHeartbeat heartbeat);

  /** Removes a worker from the registry (idempotent). */
  void removeWorker(String workerId);

  /** The registered workers, sorted by id. */
  List<WorkerInfo> workers();

  /** True when {@link #subscribe} delivers signals; false when it returns a no-op. */
  boolean supportsWakeups();

  /**
   * True when {@link #subscribe} hears of the changes every process sharing the store makes, not
   * only this one's, and of a job's due time when it is delayed or retried ({@link
   * WakeupListener#jobsDue}): an idle worker then waits long and polls only in case a wake-up was
   * lost.
   */
  boolean wakeupsReachEveryProcess();

  /**
   * Registers a listener told when jobs arrive. Signals are hints: one may be missed or spurious,
   * so workers poll as well.
   */
  Subscription subscribe(WakeupListener listener);

  /**
   * The channel that carries job events between the processes sharing this store. The store itself
   * publishes nothing: {@link io.drover.events.EventPublishingStore} does, around the calls that
   * change jobs.
   */
  io.drover.events.EventChannel events();

  /**
   * True when the store runs workflows ({@link #workflows()}). A store without them refuses runs
   * through {@link Capabilities}.
   */
  default boolean supportsWorkflows() {
    return false;
  }

  /**
   * The store's runs (the workflows issue).
   *
   * @throws io.drover.UnsupportedCapabilityException when {@link #supportsWorkflows()} is false
   */
  default io.drover.workflow.WorkflowStore workflows() {
    Capabilities.requireWorkflows(this);
    throw new IllegalStateException(name() + " says it runs workflows but does not serve them");
  }

  /**
   * True when the store enforces limits ({@link #limits()}). A store without them refuses limits
   * through {@link Capabilities}.
   */
  default boolean supportsLimits() {
    return false;
  }

  /**
   * The store's limits (the flow-control issue).
   *
   * @throws io.drover.UnsupportedCapabilityException when {@link #supportsLimits()} is false
   */
  default io.drover.limit.LimitStore limits() {
    Capabilities.requireLimits(this);
    throw new IllegalStateException(name() + " says it enforces limits but does not serve them");
  }

  /** True when {@link #schedules()} works; a store without schedules refuses them loudly. */
  default boolean supportsSchedules() {
    return false;
  }

  /**
   * The store's schedules (DESIGN §1, the scheduler issue).
   *
   * @throws io.drover.UnsupportedCapabilityException when {@link #supportsSchedules()} is false
   */
  default ScheduleStore schedules() {
    Capabilities.requireSchedules(this);
    throw new IllegalStateException(name() + " says it keeps schedules but does not serve them");
  }

  /** Releases connections and files. Idempotent. */
  @Override
  void close();
}
