package io.drover.store.jdbc;

import io.drover.StoreUnavailableException;
import io.drover.events.LocalEventChannel;
import io.drover.store.JobStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens the embedded default store: one SQLite file in WAL mode, so readers never wait for the
 * writer, with {@code synchronous=NORMAL}: a commit survives the process crashing, and only a power
 * loss can take the last few back.
 */
public final class SqliteJobStore {
  /** Where the embedded store lives unless told otherwise. */
  public static final Path DEFAULT_FILE = Path.of("drover-data", "drover.db");

  /** How long a write waits for another process holding the file's write lock. */
  public static final int BUSY_TIMEOUT_MILLIS = 5_000;

  private static final Logger LOG = LoggerFactory.getLogger(SqliteJobStore.class);

  private SqliteJobStore() {}

  /**
   * Opens the store in {@code dbFile} with the system clock; see {@link #open(Path,
   * InstantSource)}.
   */
  public static JobStore open(Path dbFile) {
    return open(dbFile, InstantSource.system());
  }

  /**
   * Opens the store in {@code dbFile}, creating the file and its directories if needed and bringing
   * its schema up to date.
   *
   * @param clock every time decision the store makes uses it
   * @throws StoreUnavailableException if another process holds the file or the disk fails
   * @throws io.drover.StoreFailureException if the file cannot be created or migrated
   */
  public static JobStore open(Path dbFile, InstantSource clock) {
    Path file = dbFile.toAbsolutePath();
    try {
      Files.createDirectories(file.getParent());
      SQLiteDataSource dataSource = dataSource(file);
      String version = migrate(file, dataSource);
      Connection connection = dataSource.getConnection();
      SqliteCheckpointer checkpointer =
          SqliteCheckpointer.start(connection, dataSource.getConnection(), file.toString());
      LOG.info("store: sqlite opened file={} schema_version={}", file, version);
      return new JdbcJobStore(
          SqliteDialect.INSTANCE,
          new SqliteTransactor(connection, checkpointer, file.toString()),
          new InProcessNotifier(),
          new LocalEventChannel(),
          clock);
    } catch (IOException | SQLException | FlywayException e) {
      // A file another process holds is worth waiting for; a path that cannot be a database is not.
      throw SqlErrors.SQLITE.translate(
          "cannot open sqlite store " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Migrates while holding a lock on a file beside the database. Flyway cannot lock its history
   * table on SQLite, so two processes opening a new file at once would both try to create the
   * schema; the lock makes the second wait and then find it in place.
   */
  private static String migrate(Path file, SQLiteDataSource dataSource) throws IOException {
    Path lockFile = file.resolveSibling(file.getFileName() + ".migrate-lock");
    try (FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      channel.lock(); // released when the channel closes
      return Migrations.apply(dataSource, SqliteDialect.INSTANCE);
    }
  }

  private static SQLiteDataSource dataSource(Path file) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file);
    return dataSource;
  }
}
