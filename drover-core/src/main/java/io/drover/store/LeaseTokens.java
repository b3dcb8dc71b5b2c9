package io.drover.store;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How a claim picks its lease tokens so that no store issues the same token for a job twice, even
 * after a crash that lost the claim which issued it (a PostgreSQL claim committed without waiting
 * for its WAL flush, a Redis write not yet in the append-only file). Counting up from the stored
 * token is not enough: the store forgets the lost claim's increment and would hand out the same
 * number again, letting the lost claim's worker complete the new holder's job.
 *
 * <p>A claim's token is {@code max(stored + step, floor)}: the floor comes from the claiming
 * process's clock (a crash takes far longer than a millisecond, so a claim after it starts from a
 * higher floor) and both carry random low bits, so a reissue needs clocks seconds apart and a
 * 1-in-1,024 draw. Tokens still only grow for each job, and, for clocks before the year 2248, stay
 * below 2^53, so Lua scripts, whose numbers are doubles, handle them exactly.
 *
 * @param floor the least token this claim issues
 * @param step how far above the stored token it issues at least
 */
public record LeaseTokens(long floor, long step) {
  private static final int RANDOM_BITS = 10;

  /** The tokens for a claim made at {@code nowMillis}. */
  public static LeaseTokens draw(long nowMillis) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long floor = (Math.max(nowMillis, 0) << RANDOM_BITS) | random.nextInt(1 << RANDOM_BITS);
    return new LeaseTokens(floor, 1 + random.nextInt(1 << RANDOM_BITS));
  }

  /** The token for a job whose stored token is {@code stored}. */
  public long after(long stored) {
    return Math.max(stored + step, floor);
  }
}
