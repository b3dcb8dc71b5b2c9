package io.drover.runtime;

import io.drover.StoreUnavailableException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a loop that talks to the store quiet through an outage: one WARN when calls start failing,
 * one INFO with the outage's length when one succeeds again, and a retry delay that doubles from
 * 200 ms up to a cap in between, instead of a line and a fixed pause per failed call. One instance
 * per loop, used from that loop's thread.
 */
final class StoreOutage {
  private static final Logger log = LoggerFactory.getLogger(StoreOutage.class);
  private static final Duration FIRST_RETRY = Duration.ofMillis(200);

  private final String loop;
  private long startedNanos;
  private int failures;

  /**
   * @param loop names the loop in the log lines, e.g. "worker w-1: heartbeats"
   */
  StoreOutage(String loop) {
    this.loop = loop;
  }

  /**
   * A call failed; logs once per outage: an unreachable store in one line, anything else (a bug, a
   * driver error) with its stack.
   */
  void failed(Throwable e) {
    if (failures++ == 0) {
      startedNanos = System.nanoTime();
      if (e instanceof StoreUnavailableException) {
        log.warn("{}: store call failed, retrying until it answers: {}", loop, e.toString());
      } else {
        log.error("{}: store call failed, retrying until it answers", loop, e);
      }
    }
  }

  /** A call succeeded; ends the outage if there was one. */
  void ended() {
    if (failures > 0) {
      long millis = (System.nanoTime() - startedNanos) / 1_000_000;
      log.info("{}: store answers again after {} ms ({} failed calls)", loop, millis, failures);
      failures = 0;
    }
  }

  /** How long to wait before the next try: 200 ms, doubling per failure, at most {@code cap}. */
  Duration retryDelay(Duration cap) {
    Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 20));
    return delay.compareTo(cap) < 0 ? delay : cap;
  }
}
