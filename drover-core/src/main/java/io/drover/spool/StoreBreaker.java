package io.drover.spool;

import io.drover.StoreUnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;

/**
 * The circuit breaker in front of producers' enqueue calls (Resilience4j). It opens when at least
 * half of the last {@value #WINDOW} calls (and {@value #MIN_CALLS} or more) found the store
 * unreachable; while open, enqueues go straight to the spool without touching the store, so no
 * request waits for a connection that will not come. It does not half-open on a timer, which would
 * send producers' requests to probe a dead store: the {@link Forwarder} probes in the background
 * and closes it as soon as the store answers.
 */
final class StoreBreaker {
  static final int WINDOW = 10;
  static final int MIN_CALLS = 4;

  /** Only the forwarder closes the breaker; the timer is a backstop in case it cannot. */
  private static final Duration OPEN_BACKSTOP = Duration.ofMinutes(5);

  private final CircuitBreaker breaker =
      CircuitBreaker.of(
          "drover-store",
          CircuitBreakerConfig.custom()
              .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
              .slidingWindowSize(WINDOW)
              .minimumNumberOfCalls(MIN_CALLS)
              .failureRateThreshold(50)
              .waitDurationInOpenState(OPEN_BACKSTOP)
              .permittedNumberOfCallsInHalfOpenState(1)
              .recordExceptions(StoreUnavailableException.class)
              .writableStackTraceEnabled(false)
              .build());

  /** True when the call may go to the store; then report it with one of the three below. */
  boolean tryCall() {
    return breaker.tryAcquirePermission();
  }

  void succeeded(long nanos) {
    breaker.onSuccess(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  void unreachable(long nanos, StoreUnavailableException e) {
    breaker.onError(nanos, java.util.concurrent.TimeUnit.NANOSECONDS, e);
  }

  /** The store answered, if with an error about the call: no sign of an outage. */
  void answeredOtherwise() {
    breaker.releasePermission();
  }

  boolean isOpen() {
    CircuitBreaker.State state = breaker.getState();
    return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.HALF_OPEN;
  }

  /** The forwarder reached the store: producers may call it again. */
  void storeAnswered() {
    if (breaker.getState() != CircuitBreaker.State.CLOSED) {
      breaker.transitionToClosedState();
    }
  }

  String state() {
    return breaker.getState().name().toLowerCase(java.util.Locale.ROOT);
  }
}
