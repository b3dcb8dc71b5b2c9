package io.drover.workflow;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Runs that hand every call to another store's, for decorators that observe a few of them. */
public abstract class ForwardingWorkflowStore implements WorkflowStore {
  protected final WorkflowStore runs;

  protected ForwardingWorkflowStore(WorkflowStore runs) {
    this.runs = runs;
  }

  @Override
  public RunCreated createRun(RunSpec spec) {
    return runs.createRun(spec);
  }

  @Override
  public Optional<Run> run(UUID id) {
    return runs.run(id);
  }

  @Override
  public Optional<RunHead> head(UUID runId) {
    return runs.head(runId);
  }

  @Override
  public RunPage runs(RunQuery query) {
    return runs.runs(query);
  }

  @Override
  public boolean cancelRun(UUID id) {
    return runs.cancelRun(id);
  }

  @Override
  public boolean retryRun(UUID id) {
    return runs.retryRun(id);
  }

  @Override
  public boolean deleteRun(UUID id) {
    return runs.deleteRun(id);
  }

  @Override
  public SignalOutcome signal(UUID runId, String signal, String body) {
    return runs.signal(runId, signal, body);
  }

  @Override
  public int fireDueWaits(int max) {
    return runs.fireDueWaits(max);
  }

  @Override
  public Optional<Instant> nextWaitAt() {
    return runs.nextWaitAt();
  }

  @Override
  public Map<String, ParentResult> parents(UUID jobId) {
    return runs.parents(jobId);
  }

  @Override
  public Map<UUID, Map<String, ParentResult>> parentsOf(Collection<UUID> jobIds) {
    return runs.parentsOf(jobIds);
  }
}
