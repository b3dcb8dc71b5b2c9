package io.drover.store.jdbc;

import io.drover.Job;
import io.drover.limit.LimitSpec;
import io.drover.store.ClaimRequest;
import io.drover.store.LeaseTokens;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.List;

/**
 * A claim inside its write transaction, the plain way or under limits. A request no known limit may
 * govern runs the plain {@code claim} statement, which checks in passing that the limits are still
 * the ones known; only when it comes back empty does the claim read {@code limit_version} itself,
 * to tell an empty queue from a change of limits. So claims of queues no limit governs pay one read
 * of a one-row table inside their statement, and nothing more.
 */
final class Claims {
  private final Dialect dialect;
  private final JdbcLimits limits;
  private final InstantSource clock;

  Claims(Dialect dialect, JdbcLimits limits, InstantSource clock) {
    this.dialect = dialect;
    this.limits = limits;
    this.clock = clock;
  }

  /** The jobs claimed, in no particular order, in a list the caller may sort. */
  List<Job> claim(StatementCache statements, ClaimRequest request) throws SQLException {
    long now = clock.millis();
    LeaseTokens tokens = LeaseTokens.draw(now);
    KnownLimits known = limits.known(statements);
    if (known.over(request.queues()).isEmpty()) {
      List<Job> claimed = plain(statements, request, now, tokens, known.version());
      if (!claimed.isEmpty()) {
        return claimed;
      }
      KnownLimits current = limits.refresh(statements);
      if (current.version() == known.version()) {
        return claimed;
      }
      if (current.over(request.queues()).isEmpty()) {
        return plain(statements, request, now, tokens, current.version());
      }
    }
    known = limits.lockFor(statements, request.queues());
    List<LimitSpec> over = known.over(request.queues());
    if (over.isEmpty()) {
      return plain(statements, request, now, tokens, known.version());
    }
    return LimitedClaim.claim(statements, dialect, clock, known, over, request);
  }

  private List<Job> plain(
      StatementCache statements,
      ClaimRequest request,
      long now,
      LeaseTokens tokens,
      long limitsVersion)
      throws SQLException {
    BoundStatement claim =
        bindLease(statements.get("claim"), request, now, tokens)
            .set("patterns", dialect.queuePatterns(statements.connection(), request.queues()))
            .set("limit", request.max())
            .set("limits_version", limitsVersion);
    try (ResultSet rows = claim.executeQuery()) {
      return JobRows.readAll(rows);
    }
  }

  /** Binds what every claim statement sets on the jobs it takes: worker, lease and times. */
  static BoundStatement bindLease(
      BoundStatement claim, ClaimRequest request, long now, LeaseTokens tokens)
      throws SQLException {
    return claim
        .set("worker_id", request.workerId())
        .set("lease_expires_at", now + request.lease().toMillis())
        .set("now", now)
        .set("token_floor", tokens.floor())
        .set("token_step", tokens.step());
  }
}
