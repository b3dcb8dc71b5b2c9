package io.drover.server.ratelimit;

/**
 * What the limiter says of one request, in the numbers the {@code RateLimit-*} and {@code
 * Retry-After} headers carry.
 *
 * @param allowed whether the request may go on
 * @param limit the bucket's size: requests a rested caller may send at once
 * @param remaining requests the caller may send now
 * @param resetSeconds whole seconds, rounded up, until the bucket is full again
 * @param retryAfterSeconds when refused, whole seconds, rounded up, until one request is allowed
 *     (at least 1); 0 when allowed
 */
public record Verdict(
    boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {

  static long ceilSeconds(long nanos) {
    return nanos <= 0 ? 0 : (nanos - 1) / 1_000_000_000L + 1;
  }
}
