package io.drover.store.redis;

import io.drover.DroverException;
import io.drover.StoreFailureException;
import io.drover.StoreUnavailableException;
import io.lettuce.core.RedisCommandExecutionException;
import java.util.List;

/**
 * Which of Drover's two store errors a failed Redis call is. The server answering with an error (a
 * script error, a wrong type, a command refused) is a {@link StoreFailureException}: retrying the
 * same call gives the same answer. Everything else (refused, reset or closed connections, a call
 * past its deadline) is {@link StoreUnavailableException}, and so are the error replies a server
 * gives while it cannot serve for now.
 */
final class RedisErrors {
  /**
   * Error replies that mean "not now": loading its data set, busy with a script, no reachable
   * master or replicas, a replica after a failover, out of memory, a cluster resharding or down.
   */
  private static final List<String> TRANSIENT_PREFIXES =
      List.of(
          "LOADING",
          "BUSY",
          "MASTERDOWN",
          "NOREPLICAS",
          "READONLY",
          "OOM",
          "TRYAGAIN",
          "CLUSTERDOWN");

  private RedisErrors() {}

  /** Decided by the first error reply in the cause chain (a refused login wraps one). */
  static DroverException translate(String message, Throwable cause) {
    for (Throwable t = cause; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof RedisCommandExecutionException reply) {
        return transientReply(reply)
            ? new StoreUnavailableException(message, cause)
            : new StoreFailureException(message, cause);
      }
    }
    return new StoreUnavailableException(message, cause);
  }

  private static boolean transientReply(RedisCommandExecutionException reply) {
    String text = reply.getMessage() == null ? "" : reply.getMessage();
    return TRANSIENT_PREFIXES.stream().anyMatch(text::startsWith);
  }
}
