package io.drover.store.jdbc;

import io.drover.limit.HeldKey;
import io.drover.limit.LimitSpec;
import io.drover.limit.LimitStatus;
import io.drover.limit.LimitStore;
import io.drover.store.QueuePattern;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The JDBC stores' {@link LimitStore}: limits are rows of {@code limits}, and every change moves
 * {@code limit_version} in the same transaction. Each process keeps the limits it last read ({@link
 * KnownLimits}) for its claims, which compare the version at every claim, so a change takes effect
 * at every process's next claim. Saving or deleting a limit wakes the queues it matches, since jobs
 * it held back may start now.
 */
final class JdbcLimits implements LimitStore {
  private final StoreTransactions transactions;
  private final WakingWrites writes;
  private final Dialect dialect;
  private final InstantSource clock;
  private volatile KnownLimits known;

  JdbcLimits(
      StoreTransactions transactions, WakingWrites writes, Dialect dialect, InstantSource clock) {
    this.transactions = transactions;
    this.writes = writes;
    this.dialect = dialect;
    this.clock = clock;
  }

  /** The limits this process last read, reading them in this transaction the first time. */
  KnownLimits known(StatementCache statements) throws SQLException {
    KnownLimits last = known;
    return last != null ? last : refresh(statements);
  }

  /** The limits as of this transaction: read again only if their version moved. */
  KnownLimits refresh(StatementCache statements) throws SQLException {
    long version = version(statements);
    KnownLimits last = known;
    if (last != null && last.version() == version) {
      return last;
    }
    KnownLimits read = new KnownLimits(version, list(statements));
    known = read;
    return read;
  }

  /** The version of the limits as of this transaction. */
  static long version(StatementCache statements) throws SQLException {
    try (ResultSet row = statements.get("limit_version").executeQuery()) {
      row.next();
      return row.getLong("version");
    }
  }

  /**
   * Locks the limits that may govern {@code queues} for the rest of the transaction ({@link
   * Dialect#lockLimits}) and returns the limits as of this transaction: one round trip while they
   * are the ones known. When they changed, those that govern now are locked too; taken out of name
   * order only then, a lock may deadlock with another claim's, which the database breaks by failing
   * one of the claims, retried as any failed claim.
   */
  KnownLimits lockFor(StatementCache statements, List<QueuePattern> queues) throws SQLException {
    KnownLimits last = known(statements);
    long version = dialect.lockLimits(statements, names(last.over(queues)));
    if (version == last.version()) {
      return last;
    }
    KnownLimits read = new KnownLimits(version, list(statements));
    known = read;
    dialect.lockLimits(statements, names(read.over(queues)));
    return read;
  }

  private static List<String> names(List<LimitSpec> limits) {
    return limits.stream().map(LimitSpec::name).toList();
  }

  @Override
  public boolean saveLimit(LimitSpec limit) {
    long now = clock.millis();
    return writes.write(
        "save limit",
        (statements, woken) -> {
          Optional<LimitSpec> was = find(statements, limit.name());
          boolean created =
              was.isEmpty()
                  && LimitRows.bind(statements.get("insert_limit"), limit, now).executeUpdate() > 0;
          if (!created) {
            LimitRows.bind(statements.get("update_limit"), limit, now).executeUpdate();
          }
          forgetCounts(statements, limit.name());
          statements.get("bump_limit_version").executeUpdate();
          woken.addAll(matchedQueues(statements, limit));
          if (was.isPresent()) {
            woken.addAll(matchedQueues(statements, was.get()));
          }
          return created;
        });
  }

  @Override
  public Optional<LimitSpec> limit(String name) {
    return transactions.read("get limit", statements -> find(statements, name));
  }

  @Override
  public List<LimitSpec> limits() {
    return transactions.read("list limits", JdbcLimits::list);
  }

  @Override
  public boolean deleteLimit(String name) {
    return writes.write(
        "delete limit",
        (statements, woken) -> {
          Optional<LimitSpec> was = find(statements, name);
          if (was.isEmpty()) {
            return false;
          }
          statements.get("delete_limit").set("name", name).executeUpdate();
          forgetCounts(statements, name);
          statements.get("bump_limit_version").executeUpdate();
          woken.addAll(matchedQueues(statements, was.get()));
          return true;
        });
  }

  @Override
  public Optional<LimitStatus> limitStatus(String name) {
    long now = clock.millis();
    return transactions.read(
        "limit status",
        statements -> {
          Optional<LimitSpec> spec = find(statements, name);
          if (spec.isEmpty()) {
            return Optional.empty();
          }
          return Optional.of(status(statements, spec.get(), now));
        });
  }

  @Override
  public Optional<Instant> nextStart(List<QueuePattern> queues) {
    long nowMicros = clock.millis() * 1_000;
    // A hint: the version and the openings need not be read in one snapshot.
    return transactions.readAlone(
        "next start",
        statements -> {
          long earliest = Long.MAX_VALUE;
          for (LimitSpec spec : refresh(statements).over(queues)) {
            if (spec.rate() != null) {
              long tolerance = spec.rate().toleranceMicros();
              BoundStatement next =
                  statements
                      .get("next_rate_opening")
                      .set("name", spec.name())
                      .set("after", nowMicros + tolerance);
              try (ResultSet row = next.executeQuery()) {
                row.next(); // MIN gives one row, null when no key is held
                long nextStart = row.getLong("next_start");
                if (!row.wasNull()) {
                  earliest = Math.min(earliest, nextStart - tolerance);
                }
              }
            }
          }
          return earliest == Long.MAX_VALUE
              ? Optional.<Instant>empty()
              : Optional.of(Instant.EPOCH.plus(earliest, ChronoUnit.MICROS));
        });
  }

  /** The keys at one of the limit's caps that have governed jobs waiting, by key. */
  private LimitStatus status(StatementCache statements, LimitSpec spec, long now)
      throws SQLException {
    if (!spec.caps()) {
      return new LimitStatus(spec, 0, 0, List.of());
    }
    long nowMicros = now * 1_000;
    LimitCount count = LimitCount.read(statements, dialect, spec, nowMicros);
    long recentStarts = LimitCount.recentStarts(statements, spec, now);
    List<HeldKey> held = new ArrayList<>();
    BoundStatement waiting =
        LimitCount.governed(statements, dialect, "waiting_by_key", spec).set("now", now);
    try (ResultSet rows = waiting.executeQuery()) {
      while (rows.next()) {
        String key = rows.getString("rate_key");
        if (!count.admits(key, nowMicros)) {
          Instant nextStart =
              count.rateHolds(key, nowMicros)
                  ? Instant.EPOCH.plus(count.opensAt(key), ChronoUnit.MICROS)
                  : null;
          held.add(
              new HeldKey(
                  key,
                  count.active(key),
                  rows.getLong("jobs"),
                  Instant.ofEpochMilli(rows.getLong("oldest")),
                  nextStart));
        }
      }
    }
    held.sort(Comparator.comparing(HeldKey::key));
    return new LimitStatus(spec, count.active(), recentStarts, held);
  }

  /** A limit saved anew starts afresh, as one created: no rate state, no recent starts. */
  private static void forgetCounts(StatementCache statements, String name) throws SQLException {
    statements.get("delete_limit_rates").set("name", name).executeUpdate();
    statements.get("delete_limit_starts").set("name", name).executeUpdate();
  }

  private static Optional<LimitSpec> find(StatementCache statements, String name)
      throws SQLException {
    try (ResultSet row = statements.get("get_limit").set("name", name).executeQuery()) {
      return row.next() ? Optional.of(LimitRows.read(row)) : Optional.empty();
    }
  }

  private static List<LimitSpec> list(StatementCache statements) throws SQLException {
    try (ResultSet rows = statements.get("list_limits").executeQuery()) {
      return LimitRows.readAll(rows);
    }
  }

  /** The known queues the limit matches: to wake when it changes. */
  private static Set<String> matchedQueues(StatementCache statements, LimitSpec spec)
      throws SQLException {
    Set<String> matched = new LinkedHashSet<>();
    try (ResultSet rows = statements.get("queue_names").executeQuery()) {
      while (rows.next()) {
        String queue = rows.getString("name");
        if (spec.matchesQueue(queue)) {
          matched.add(queue);
        }
      }
    }
    return matched;
  }
}
