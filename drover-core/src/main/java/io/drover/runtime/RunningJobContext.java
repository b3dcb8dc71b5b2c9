package io.drover.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.Job;
import io.drover.JobContext;
import io.drover.Progress;
import io.drover.store.JobStore;
import io.drover.store.ProgressUpdate;
import java.util.List;

/** The {@link JobContext} a handler gets: its job, and a line back to the store. */
final class RunningJobContext implements JobContext {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Execution execution;
  private final JobStore store;

  RunningJobContext(Execution execution, JobStore store) {
    this.execution = execution;
    this.store = store;
  }

  @Override
  public Job job() {
    return execution.job();
  }

  @Override
  public JsonNode payloadTree() {
    try {
      return JSON.readTree(payload());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("payload of job " + job().id() + " is not JSON", e);
    }
  }

  @Override
  public <T> T payloadAs(Class<T> type) {
    try {
      return JSON.readValue(payload(), type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "payload of job " + job().id() + " does not bind to " + type.getSimpleName(), e);
    }
  }

  @Override
  public void progress(int percent, String message) {
    if (!execution.isRunning()) {
      return;
    }
    var updated =
        store.updateProgress(
            List.of(new ProgressUpdate(execution.lease(), new Progress(percent, message))));
    if (updated.isEmpty()) {
      execution.end(Execution.Phase.ABANDONED, false);
    }
  }

  @Override
  public boolean isAbandoned() {
    return execution.phase() == Execution.Phase.ABANDONED;
  }
}
