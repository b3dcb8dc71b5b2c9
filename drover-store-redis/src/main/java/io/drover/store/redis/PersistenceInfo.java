package io.drover.store.redis;

import io.drover.StoreFailureException;
import io.drover.StoreUnavailableException;
import java.util.Map;

/**
 * Whether the Redis the store uses keeps jobs across its own restart, for health reports. Only the
 * append-only file makes every acknowledged enqueue durable; snapshots alone lose what came after
 * the last one.
 *
 * @param appendOnly what {@code CONFIG GET appendonly} said
 * @param detail one line for operators
 */
public record PersistenceInfo(AppendOnly appendOnly, String detail) {

  /** The server's {@code appendonly} setting, or UNKNOWN when it could not be read. */
  public enum AppendOnly {
    YES,
    NO,
    UNKNOWN
  }

  /** True only when the append-only file is known to be on. */
  public boolean isDurable() {
    return appendOnly == AppendOnly.YES;
  }

  /** Asks the server; managed services often forbid CONFIG, which gives UNKNOWN. */
  static PersistenceInfo check(RedisLink link) {
    Map<String, String> config;
    try {
      Batch batch = link.batch("check persistence");
      Reply<Map<String, String>> reply = batch.command(c -> c.configGet("appendonly"));
      batch.execute();
      config = reply.get();
    } catch (StoreFailureException | StoreUnavailableException e) {
      return new PersistenceInfo(
          AppendOnly.UNKNOWN,
          "persistence could not be checked (CONFIG GET appendonly refused: "
              + rootMessage(e)
              + ")");
    }
    String value = config.get("appendonly");
    if ("yes".equals(value)) {
      return new PersistenceInfo(AppendOnly.YES, "appendonly=yes");
    }
    if ("no".equals(value)) {
      return new PersistenceInfo(
          AppendOnly.NO,
          "appendonly=no: jobs enqueued since the last snapshot are lost if Redis restarts");
    }
    return new PersistenceInfo(
        AppendOnly.UNKNOWN, "persistence could not be checked (appendonly=" + value + ")");
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
