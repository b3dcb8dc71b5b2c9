package io.drover;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.workflow.ParentResult;
import java.util.Map;

/** What a handler sees of the job it runs, and how it talks back while running. */
public interface JobContext {
  Job job();

  /** The payload as JSON text. */
  default String payload() {
    return job().payload();
  }

  /** The payload parsed as a JSON tree. */
  JsonNode payloadTree();

  /** The payload bound to a type with Jackson. */
  <T> T payloadAs(Class<T> type);

  /** 1 on the first attempt; at-least-once delivery means a handler may see 2 or more. */
  default int attempt() {
    return job().attempt();
  }

  /** Stores progress (0-100 and an optional message) so API clients can watch the job. */
  void progress(int percent, String message);

  /**
   * For a step of a run: how each parent ended and its result, by step name; empty for a job that
   * is no step or has no parents. Read from the store on first use.
   */
  Map<String, ParentResult> parents();

  /**
   * A parent's result bound to a type with Jackson.
   *
   * @throws IllegalArgumentException when the step has no parent of that name, or its result does
   *     not bind to {@code type}
   */
  <T> T parentResult(String step, Class<T> type);

  /** For a step of a run: the run's input (JSON); null for a job that is no step. */
  String runInput();

  /** True once the job was cancelled or its lease lost: stop and return whatever you like. */
  boolean isAbandoned();
}
