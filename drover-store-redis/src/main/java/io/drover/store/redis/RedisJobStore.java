package io.drover.store.redis;

import io.drover.Job;
import io.drover.JobSpec;
import io.drover.events.EventChannel;
import io.drover.schedule.ScheduleStore;
import io.drover.store.Capabilities;
import io.drover.store.ClaimRequest;
import io.drover.store.CleanupRequest;
import io.drover.store.Completion;
import io.drover.store.Enqueued;
import io.drover.store.Failure;
import io.drover.store.HeartbeatRequest;
import io.drover.store.JobChange;
import io.drover.store.JobPage;
import io.drover.store.JobQuery;
import io.drover.store.JobStore;
import io.drover.store.ProgressUpdate;
import io.drover.store.PurgeRequest;
import io.drover.store.QueuePattern;
import io.drover.store.QueueStats;
import io.drover.store.ReapRequest;
import io.drover.store.Release;
import io.drover.store.Subscription;
import io.drover.store.WakeupListener;
import io.drover.store.WorkerHeartbeat;
import io.drover.store.WorkerInfo;
import io.drover.workflow.WorkflowStore;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link JobStore} port on Redis (DESIGN §5), through Lettuce: jobs as hashes, sorted sets for
 * claim order, delays, leases and retention, and one Lua script per state change that touches more
 * than one key. Every key of a queue shares one hash tag, so each per-queue script works within one
 * Redis Cluster slot; operations over several queues loop over them from here. {@link Keys} lists
 * the layout.
 *
 * <p>Time comes from the store's clock, passed to every script, never from the server, so tests can
 * move it. Runs of steps ({@link RedisWorkflows}) keep their steps' jobs in their queues, where
 * claims find them, and move on inside the acknowledgement scripts ({@code run.lua}); those scripts
 * span a queue's slot and the run's, so runs need single-node or Sentinel Redis.
 */
public final class RedisJobStore implements JobStore {
  private static final Logger log = LoggerFactory.getLogger(RedisJobStore.class);
  private static final String NAME = "redis";

  private final RedisLink link;
  private final Keys keys;
  private final PersistenceInfo persistence;
  private final QueueLocator locator;
  private final JobScript jobScript;
  private final JobReader reader;
  private final Queues queues;
  private final Enqueuer enqueuer;
  private final Claimer claimer;
  private final RedisLimits limits;
  private final Acknowledger acknowledger;
  private final LeaseReaper reaper;
  private final RetentionCleaner cleaner;
  private final JobDeleter deleter;
  private final JobLister lister;
  private final WorkerRegistry workers;
  private final PubSubWakeups wakeups;
  private final RedisEventChannel events;
  private final RedisSchedules schedules;
  private final FanOut fanOut;
  private final RunRetention runRetention;
  private final RedisWorkflows workflows;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RedisJobStore(
      RedisLink link, Keys keys, InstantSource clock, PersistenceInfo persistence) {
    this.link = link;
    this.keys = keys;
    this.persistence = persistence;
    IdIndex index = new IdIndex(link, keys);
    this.locator = new QueueLocator(index);
    this.reader = new JobReader(link);
    this.queues = new Queues(link, keys, clock);
    this.enqueuer = new Enqueuer(link, keys, index, clock);
    KnownLimits known = new KnownLimits(link, keys);
    this.claimer = new Claimer(link, keys, queues, locator, reader, clock, known);
    this.limits = new RedisLimits(link, keys, queues, known, clock);
    this.acknowledger = new Acknowledger(link, keys, locator, clock);
    this.reaper = new LeaseReaper(link, keys, queues, acknowledger, clock);
    this.cleaner = new RetentionCleaner(link, keys, queues, index, clock);
    this.jobScript = new JobScript(link, keys, locator, clock);
    this.deleter = new JobDeleter(link, keys, jobScript, index, clock);
    this.lister = new JobLister(link, keys, index, reader);
    this.workers = new WorkerRegistry(link, keys, clock);
    this.wakeups = new PubSubWakeups(link, keys.wakeupChannel());
    this.events = new RedisEventChannel(link, keys.eventChannel());
    this.schedules = new RedisSchedules(link, keys, clock);
    this.fanOut = new FanOut(link, keys, locator, acknowledger, clock);
    this.runRetention = new RunRetention(link, keys, clock);
    this.workflows = new RedisWorkflows(link, keys, new RunReader(link, keys), clock);
  }

  /**
   * Connects to Redis, loads the scripts and checks whether the server persists data.
   *
   * @throws io.drover.StoreUnavailableException when Redis cannot be reached in time
   * @throws io.drover.StoreFailureException when Redis refuses the login
   */
  public static RedisJobStore connect(RedisConfig config) {
    Keys keys = new Keys(config.keyPrefix());
    RedisLink link = RedisLink.open(config);
    PersistenceInfo persistence;
    try {
      persistence = PersistenceInfo.check(link);
    } catch (RuntimeException e) {
      link.close();
      throw e;
    }
    log.info(
        "redis store: connected address={} prefix={} {}",
        link.address(),
        config.keyPrefix(),
        persistence.detail());
    switch (persistence.appendOnly()) {
      case NO ->
          log.warn(
              "redis store: Redis at {} does not log every write ({}); set appendonly yes",
              link.address(),
              persistence.detail());
      case UNKNOWN -> log.info("redis store: {}", persistence.detail());
      case YES -> {}
    }
    return new RedisJobStore(link, keys, config.clock(), persistence);
  }

  /** Whether the server keeps jobs across its own restart, as checked at connect. */
  public PersistenceInfo persistenceInfo() {
    return persistence;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Enqueued> enqueue(List<JobSpec> specs) {
    Capabilities.requirePlainJobs(specs);
    return enqueuer.enqueue(specs);
  }

  @Override
  public List<Job> claim(ClaimRequest request) {
    return claimer.claim(request);
  }

  @Override
  public Optional<Instant> nextDue(List<QueuePattern> patterns) {
    return queues.nextDue(patterns);
  }

  @Override
  public Set<UUID> heartbeat(HeartbeatRequest request) {
    return acknowledger.heartbeat(request);
  }

  @Override
  public List<JobChange> complete(List<Completion> completions) {
    return fanOut.complete(completions);
  }

  @Override
  public List<JobChange> fail(List<Failure> failures) {
    return acknowledger.fail(failures);
  }

  @Override
  public List<JobChange> release(List<Release> releases) {
    return acknowledger.release(releases);
  }

  @Override
  public List<JobChange> updateProgress(List<ProgressUpdate> updates) {
    return acknowledger.updateProgress(updates);
  }

  @Override
  public List<JobChange> reapExpiredLeases(ReapRequest request) {
    return reaper.reap(request);
  }

  @Override
  public int cleanup(CleanupRequest request) {
    int deleted = cleaner.cleanup(request);
    return deleted + runRetention.cleanup(request, request.batchSize() - deleted);
  }

  @Override
  public Optional<Job> get(UUID id) {
    String queue = locator.locate(List.of(id)).get(id);
    if (queue == null) {
      return Optional.empty();
    }
    return reader.read("get job", List.of(new JobReader.Ref(keys.queue(queue), id))).stream()
        .findFirst();
  }

  @Override
  public JobPage list(JobQuery query) {
    return lister.list(query);
  }

  @Override
  public boolean cancel(UUID id) {
    return jobScript.run("cancel", LuaScript.CANCEL, id, null) != null;
  }

  @Override
  public boolean retryNow(UUID id) {
    return jobScript.run("retry now", LuaScript.RETRY_NOW, id, "retry the run instead") != null;
  }

  @Override
  public boolean delete(UUID id) {
    return deleter.delete(id);
  }

  @Override
  public int purge(PurgeRequest request) {
    return deleter.purge(request.queue(), request.state());
  }

  @Override
  public List<QueueStats> stats() {
    return queues.stats();
  }

  @Override
  public void pauseQueue(String queue) {
    queues.pause(queue);
  }

  @Override
  public void resumeQueue(String queue) {
    queues.resume(queue);
  }

  @Override
  public void registerWorker(WorkerInfo worker) {
    workers.register(worker);
  }

  @Override
  public void heartbeatWorker(WorkerHeartbeat heartbeat) {
    workers.heartbeat(heartbeat.workerId(), heartbeat.running());
  }

  @Override
  public void removeWorker(String workerId) {
    workers.remove(workerId);
  }

  @Override
  public List<WorkerInfo> workers() {
    return workers.list();
  }

  @Override
  public boolean supportsWakeups() {
    return true;
  }

  @Override
  public boolean wakeupsReachEveryProcess() {
    return true;
  }

  @Override
  public Subscription subscribe(WakeupListener listener) {
    return wakeups.subscribe(listener);
  }

  @Override
  public boolean supportsSchedules() {
    return true;
  }

  @Override
  public ScheduleStore schedules() {
    return schedules;
  }

  @Override
  public boolean supportsLimits() {
    return true;
  }

  @Override
  public io.drover.limit.LimitStore limits() {
    return limits;
  }

  @Override
  public boolean supportsWorkflows() {
    return true;
  }

  @Override
  public WorkflowStore workflows() {
    return workflows;
  }

  @Override
  public EventChannel events() {
    return events;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        events.close();
        wakeups.close();
      } finally {
        link.close();
      }
    }
  }
}
