package io.drover;

import com.fasterxml.jackson.databind.JsonNode;

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

  /** True once the job was cancelled or its lease lost: stop and return whatever you like. */
  boolean isAbandoned();
}
