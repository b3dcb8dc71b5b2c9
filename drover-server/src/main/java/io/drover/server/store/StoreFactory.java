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
    return switch (choice.kind()) {
      case MEMORY -> new MemoryJobStore(clock);
      case SQLITE -> SqliteJobStore.open(choice.sqliteFile().toAbsolutePath().normalize(), clock);
      case POSTGRES ->
          PostgresJobStore.open(choice.postgres().withClock(clock).withMetricRegistry(registry));
      case REDIS -> RedisJobStore.connect(choice.redisUrl(), clock, RedisJobStore.DEFAULT_PREFIX);
    };
  }
}
