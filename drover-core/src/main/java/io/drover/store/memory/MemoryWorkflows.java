package io.drover.store.memory;

import io.drover.workflow.ParentResult;
import io.drover.workflow.Run;
import io.drover.workflow.RunCreated;
import io.drover.workflow.RunHead;
import io.drover.workflow.RunPage;
import io.drover.workflow.RunQuery;
import io.drover.workflow.RunSpec;
import io.drover.workflow.SignalOutcome;
import io.drover.workflow.WorkflowStore;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The memory store's {@link WorkflowStore}: each call takes the store's lock, lets {@link
 * MemoryRuns} do the work, and wakes the queues whose steps it made claimable once unlocked.
 */
final class MemoryWorkflows implements WorkflowStore {
  private final MemoryJobStore store;

  MemoryWorkflows(MemoryJobStore store) {
    this.store = store;
  }

  @Override
  public RunCreated createRun(RunSpec spec) {
    return waking((runs, now, woken) -> runs.create(spec, now, woken));
  }

  @Override
  public Optional<Run> run(UUID id) {
    return Optional.ofNullable(store.locked(() -> store.runs().view(id)));
  }

  @Override
  public Optional<RunHead> head(UUID runId) {
    return Optional.ofNullable(store.locked(() -> store.runs().head(runId)));
  }

  @Override
  public RunPage runs(RunQuery query) {
    return store.locked(() -> store.runs().page(query));
  }

  @Override
  public boolean cancelRun(UUID id) {
    return store.locked(() -> store.runs().cancel(id, store.now()));
  }

  @Override
  public boolean retryRun(UUID id) {
    return waking((runs, now, woken) -> runs.retry(id, now, woken));
  }

  @Override
  public boolean deleteRun(UUID id) {
    return store.locked(() -> store.runs().delete(id));
  }

  @Override
  public SignalOutcome signal(UUID runId, String signal, String body) {
    io.drover.JobSpec.checkPayload(body, io.drover.JobSpec.DEFAULT_MAX_PAYLOAD_BYTES);
    return waking((runs, now, woken) -> runs.signal(runId, signal, body, now, woken));
  }

  @Override
  public int fireDueWaits(int max) {
    return waking((runs, now, woken) -> runs.fireDueWaits(max, now, woken));
  }

  @Override
  public Optional<Instant> nextWaitAt() {
    return store.locked(() -> store.runs().nextWaitAt());
  }

  @Override
  public Map<String, ParentResult> parents(UUID jobId) {
    return store.locked(() -> store.runs().parents(jobId));
  }

  /** A change to runs that may make steps claimable. */
  @FunctionalInterface
  private interface RunChange<T> {
    T apply(MemoryRuns runs, Instant now, Set<String> woken);
  }

  private <T> T waking(RunChange<T> change) {
    Set<String> woken = new LinkedHashSet<>();
    T answer = store.locked(() -> change.apply(store.runs(), store.now(), woken));
    store.wake(woken);
    return answer;
  }
}
