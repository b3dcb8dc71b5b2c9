package io.drover.store;

import io.drover.Job;
import io.drover.JobSpec;
import io.drover.events.EventChannel;
import io.drover.schedule.ScheduleStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A store that hands every call to another, for decorators that change or observe a few of them
 * (publishing events, measuring a benchmark) without restating the rest.
 */
public abstract class ForwardingJobStore implements JobStore {
  protected final JobStore store;

  protected ForwardingJobStore(JobStore store) {
    this.store = store;
  }

  @Override
  public List<Job> claim(ClaimRequest request) {
    return store.claim(request);
  }

  @Override
  public Optional<Instant> nextDue(List<QueuePattern> queues) {
    return store.nextDue(queues);
  }

  @Override
  public List<JobChange> complete(List<Completion> completions) {
    return store.complete(completions);
  }

  @Override
  public String name() {
    return store.name();
  }

  @Override
  public List<Enqueued> enqueue(List<JobSpec> specs) {
    return store.enqueue(specs);
  }

  @Override
  public Set<UUID> heartbeat(HeartbeatRequest request) {
    return store.heartbeat(request);
  }

  @Override
  public List<JobChange> fail(List<Failure> failures) {
    return store.fail(failures);
  }

  @Override
  public List<JobChange> release(List<Release> releases) {
    return store.release(releases);
  }

  @Override
  public List<JobChange> updateProgress(List<ProgressUpdate> updates) {
    return store.updateProgress(updates);
  }

  @Override
  public List<JobChange> reapExpiredLeases(ReapRequest request) {
    return store.reapExpiredLeases(request);
  }

  @Override
  public int cleanup(CleanupRequest request) {
    return store.cleanup(request);
  }

  @Override
  public Optional<Job> get(UUID id) {
    return store.get(id);
  }

  @Override
  public JobPage list(JobQuery query) {
    return store.list(query);
  }

  @Override
  public boolean cancel(UUID id) {
    return store.cancel(id);
  }

  @Override
  public boolean retryNow(UUID id) {
    return store.retryNow(id);
  }

  @Override
  public boolean delete(UUID id) {
    return store.delete(id);
  }

  @Override
  public int purge(PurgeRequest request) {
    return store.purge(request);
  }

  @Override
  public List<QueueStats> stats() {
    return store.stats();
  }

  @Override
  public void pauseQueue(String queue) {
    store.pauseQueue(queue);
  }

  @Override
  public void resumeQueue(String queue) {
    store.resumeQueue(queue);
  }

  @Override
  public void registerWorker(WorkerInfo worker) {
    store.registerWorker(worker);
  }

  @Override
  public void heartbeatWorker(WorkerHeartbeat heartbeat) {
    store.heartbeatWorker(heartbeat);
  }

  @Override
  public void removeWorker(String workerId) {
    store.removeWorker(workerId);
  }

  @Override
  public List<WorkerInfo> workers() {
    return store.workers();
  }

  @Override
  public boolean supportsWakeups() {
    return store.supportsWakeups();
  }

  @Override
  public boolean wakeupsReachEveryProcess() {
    return store.wakeupsReachEveryProcess();
  }

  @Override
  public Subscription subscribe(WakeupListener listener) {
    return store.subscribe(listener);
  }

  @Override
  public boolean supportsWorkflows() {
    return store.supportsWorkflows();
  }

  @Override
  public io.drover.workflow.WorkflowStore workflows() {
    return store.workflows();
  }

  @Override
  public boolean supportsLimits() {
    return store.supportsLimits();
  }

  @Override
  public io.drover.limit.LimitStore limits() {
    return store.limits();
  }

  @Override
  public boolean supportsSchedules() {
    return store.supportsSchedules();
  }

  @Override
  public ScheduleStore schedules() {
    return store.schedules();
  }

  @Override
  public EventChannel events() {
    return store.events();
  }

  @Override
  public void close() {
    store.close();
  }
}
