package io.drover.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.drover.DroverException;
import io.drover.StoreUnavailableException;
import io.drover.events.EventChannel;
import io.drover.store.JobStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the store for teams that run PostgreSQL: any number of processes share one database, each
 * with a connection pool and one listening connection for wake-ups. Tables live in their own
 * schema; migrations run under Flyway's advisory lock, so processes starting together apply each
 * version once.
 */
public final class PostgresJobStore {
  /** Flyway keeps its bookkeeping on one connection and runs migrations on another. */
  private static final int MIGRATION_POOL_SIZE = 2;

  private static final Logger LOG = LoggerFactory.getLogger(PostgresJobStore.class);

  private PostgresJobStore() {}

  /**
   * Opens the store: connects, migrates the schema (or, with migrations off, checks that none is
   * pending) and starts listening for wake-ups.
   *
   * @throws StoreUnavailableException if the database cannot be reached
   * @throws io.drover.StoreFailureException if the database refuses the connection (credentials,
   *     database name), the schema cannot be migrated, or it is behind with migrations off
   */
  public static JobStore open(PostgresConfig config) {
    HikariDataSource pool = null;
    try {
      String version;
      try (HikariDataSource migrations =
          PostgresConnections.migrationPool(config, MIGRATION_POOL_SIZE)) {
        Flyway flyway = flyway(migrations, config);
        version = config.migrate() ? Migrations.apply(flyway) : Migrations.requireCurrent(flyway);
      }
      pool = PostgresConnections.pool(config, config.poolSize());
      AutoCloseable housekeeping = vacuumIfAutovacuumIsOff(pool, config);
      Notifier notifier =
          PostgresNotifier.start(
              config.channel(), () -> PostgresConnections.listenerConnection(config));
      LOG.info(
          "store: postgres opened {} schema_version={} pool_size={}",
          config.describe(),
          version,
          config.poolSize());
      Transactor transactor = new PostgresTransactor(pool, storeName(config), housekeeping);
      String eventListener = PostgresConnections.listenerName(config, "events");
      EventChannel events =
          new PostgresEventChannel(
              config.eventChannel(),
              eventListener,
              new StoreTransactions(transactor, PostgresDialect.INSTANCE.statements()),
              () -> PostgresConnections.listenerConnection(config, eventListener));
      return new JdbcJobStore(
          PostgresDialect.INSTANCE, transactor, notifier, events, config.clock());
    } catch (Exception e) {
      if (pool != null) {
        pool.close();
      }
      throw cannotOpen(config, "open", e);
    }
  }

  /**
   * Applies pending migrations and nothing else: {@code drover migrate}.
   *
   * @return the schema version now in place
   * @throws StoreUnavailableException if the database cannot be reached
   * @throws io.drover.StoreFailureException if a migration fails
   */
  public static String migrate(PostgresConfig config) {
    try (HikariDataSource pool = PostgresConnections.migrationPool(config, MIGRATION_POOL_SIZE)) {
      String version = Migrations.apply(flyway(pool, config));
      LOG.info("store: postgres migrated {} schema_version={}", config.describe(), version);
      return version;
    } catch (RuntimeException e) {
      throw cannotOpen(config, "migrate", e);
    }
  }

  /**
   * Says so loudly when autovacuum is off, and then vacuums the jobs table itself: every claimed
   * job leaves a dead entry at the head of the claim index that only VACUUM removes, so claims
   * would slow down with every job run since the last one.
   *
   * @return the vacuumer, or nothing to stop
   */
  private static AutoCloseable vacuumIfAutovacuumIsOff(HikariDataSource pool, PostgresConfig config)
      throws SQLException {
    try (Connection connection = pool.getConnection();
        BoundStatement check =
            PostgresDialect.INSTANCE.statements().get("autovacuum_on").prepare(connection);
        ResultSet row = check.executeQuery()) {
      if (!row.next() || row.getBoolean("autovacuum_on")) {
        return () -> {};
      }
    }
    LOG.warn(
        "store: postgres autovacuum is off at {}; Drover vacuums {}.jobs itself when dead rows"
            + " pile up, but every other table goes unvacuumed: turn autovacuum on",
        config.describe(),
        config.schema());
    return PostgresVacuumer.start(pool, PostgresDialect.INSTANCE.statements(), config.schema());
  }

  /** Flyway on the store's schema, which it creates and keeps its history in. */
  private static Flyway flyway(HikariDataSource pool, PostgresConfig config) {
    return Migrations.configure(pool, PostgresDialect.INSTANCE)
        .schemas(config.schema())
        .defaultSchema(config.schema())
        .load();
  }

  private static String storeName(PostgresConfig config) {
    return "postgres store " + config.describe();
  }

  /**
   * Unavailable when the database cannot be reached (worth waiting for); a store failure when it
   * answered with a refusal (wrong password, no such database, a schema behind or a migration that
   * fails), which waiting does not cure.
   */
  private static DroverException cannotOpen(PostgresConfig config, String action, Exception e) {
    String reason = e.getMessage() == null ? e.toString() : e.getMessage().strip();
    return SqlErrors.POSTGRES.translate(
        "cannot " + action + " " + storeName(config) + ": " + reason, e);
  }
}
