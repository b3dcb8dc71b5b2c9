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
 * A claim, the plain way or under limits. A request no known limit may govern runs the plain {@code
 * claim} statement on its own, committed as it runs ({@link #claimUngoverned}): the statement
 * checks in passing that the limits are still the ones known, so it needs no transaction around it,
 * and on PostgreSQL a claim that finds jobs costs one round trip. Only when it comes back empty
 * does the claim read {@code limit_version} itself, to tell an empty queue from a change of limits.
 * A request limits may govern is claimed in a write transaction that locks them first ({@link
 * #claimGoverned}).
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

  /**
   * Claims when no known limit governs the request's queues, each statement standing alone.
   *
   * @return the jobs claimed, in no particular order, in a list the caller may sort; null when
   *     limits govern the queues after all, for {@link #claimGoverned} to claim
   */
  List<Job> claimUngoverned(StatementCache statements, ClaimRequest request) throws SQLException {
    KnownLimits known = limits.known(statements);
    if (!known.over(request.queues()).isEmpty()) {
      return null;
    }
    List<Job> claimed = plain(statements, request, known.version());
    if (!claimed.isEmpty()) {
      return claimed;
    }
    KnownLimits current = limits.refresh(statements);
    if (current.version() == known.version()) {
      return claimed;
    }
    return current.over(request.queues()).isEmpty()
        ? plain(statements, request, current.version())
        : null;
  }

  /**
   * Claims in a write transaction, having locked the limits that may govern the request's queues.
   *
   * @return the jobs claimed, in no particular order, in a list the caller may sort
   */
  List<Job> claimGoverned(StatementCache statements, ClaimRequest request) throws SQLException {
    KnownLimits known = limits.lockFor(statements, request.queues());
    List<LimitSpec> over = known.over(request.queues());
    if (over.isEmpty()) {
      return plain(statements, request, known.version());
    }
    return LimitedClaim.claim(statements, dialect, clock, known, over, request);
  }

  private List<Job> plain(StatementCache statements, ClaimRequest request, long limitsVersion)
      throws SQLException {
    long now = clock.millis();
    LeaseTokens tokens = LeaseTokens.draw(now);
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
