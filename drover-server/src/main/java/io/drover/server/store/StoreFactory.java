package io.drover.server.store;

import io.drover.store.JobStore;
import io.drover.store.jdbc.PostgresJobStore;
import io.drover.store.jdbc.SqliteJobStore;
import io.drover.store.memory.MemoryJobStore;
import io.drover.store.redis.RedisJobStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the store a {@link StoreChoice} names, and logs the choice (DESIGN §6). */
public final class StoreFactory {
  private static final Logger log = LoggerFactory.getLogger(StoreFactory.class);

  private StoreFactory() {}

  /**
   * Opens the store; SQLite creates its file and directory when missing, PostgreSQL migrates its
   * schema unless told not to.
   *
   * @throws io.drover.StoreUnavailableException when the store cannot be opened
   */
  public static JobStore open(StoreChoice choice, InstantSource clock) {
    return open(choice, clock, null);
  }

  /**
   * Opens the store, which reports what it can measure (PostgreSQL: its connection pool, as {@code
   * hikaricp_*}) to {@code registry}.
   *
   * @param registry null for none
   * @throws io.drover.StoreUnavailableException when the store cannot be opened
   */
  public static JobStore open(StoreChoice choice, InstantSource clock, MeterRegistry registry) {
    log.info("store: {}", choice.describe());
    return connect(choice, clock, registry);
  }

  /**
   * {@link #open(StoreChoice, InstantSource, MeterRegistry)} for a process starting up: while the
   * store is unavailable, waits and tries again with capped backoff ({@link StoreAtStart}) instead
   * of failing.
   *
   * @param waiting runs once, when the first try fails, e.g. to answer health checks meanwhile
   * @throws io.drover.StoreFailureException when the store refuses (credentials, schema behind)
   * @throws InterruptedException when the process is told to stop while waiting
   */
  public static JobStore openWhenUp(
      StoreChoice choice, InstantSource clock, MeterRegistry registry, Runnable waiting)
      throws InterruptedException {
    log.info("store: {}", choice.describe());
    return StoreAtStart.open(() -> connect(choice, clock, registry), clock, waiting);
  }

  private static JobStore connect(StoreChoice choice, InstantSource clock, MeterRegistry registry) {
    return switch (choice.kind()) {
      case MEMORY -> new MemoryJobStore(clock);
      case SQLITE -> SqliteJobStore.open(choice.sqliteFile().toAbsolutePath().normalize(), clock);
      case POSTGRES ->
          PostgresJobStore.open(choice.postgres().withClock(clock).withMetricRegistry(registry));
      case REDIS -> RedisJobStore.connect(choice.redis().withClock(clock));
    };
  }
}
