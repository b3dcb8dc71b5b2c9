package io.drover.spool;

import io.drover.StoreUnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The circuit breaker in front of producers' enqueue calls (Resilience4j). It opens when at least
 * half of the last {@value #WINDOW} calls (and {@value #MIN_CALLS} or more) found the store
 * unreachable; while open, enqueues go straight to the spool without touching the store, so no
 * request waits for a connection that will not come. It does not half-open on a timer, which would
 * send producers' requests to probe a dead store: the {@link Forwarder} probes in the background
 * and closes it as soon as the store answers.
 *
 * <p>While the store answers, successes are not reported to the breaker, except the {@value
 * #WINDOW} after each sign of an outage: the failure rate is then taken over the calls around the
 * failures, and a healthy enqueue pays one volatile read.
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

  /**
   * Calls since the last outage sign still to be reported as successes, so the failure rate sees
   * them; zero in the steady state, when a success costs nothing (Resilience4j builds an event
   * object, with a zoned timestamp, for each outcome it is told: 5 µs and 1 KiB a call, measured).
   */
  private final AtomicInteger successesToRecord = new AtomicInteger();

  /** True when the call may go to the store; then report it with one of the three below. */
  boolean tryCall() {
    // Closed, a call needs no permission: the breaker counts nothing until told the outcome.
    return breaker.getState() == CircuitBreaker.State.CLOSED || breaker.tryAcquirePermission();
  }

  void succeeded(long nanos) {
    if (successesToRecord.get() > 0 || breaker.getState() != CircuitBreaker.State.CLOSED) {
      successesToRecord.updateAndGet(left -> Math.max(0, left - 1));
      breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
    }
  }

  void unreachable(long nanos, StoreUnavailableException e) {
    successesToRecord.set(WINDOW);
    breaker.onError(nanos, TimeUnit.NANOSECONDS, e);
  }

  /** The store answered, if with an error about the call: no sign of an outage. */
  void answeredOtherwise() {
    if (breaker.getState() != CircuitBreaker.State.CLOSED) {
      breaker.releasePermission();
    }
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
    return breaker.getState().name().toLowerCase(Locale.ROOT);
  }
}
