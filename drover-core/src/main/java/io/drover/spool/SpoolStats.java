package io.drover.spool;

import java.time.Duration;

/**
 * How the spool stands, for health and metrics.
 *
 * @param depth jobs waiting to be forwarded
 * @param bytes their size in the journal
 * @param oldestAge how long the oldest has waited; zero when empty
 * @param spooled jobs spooled since this process started (adopted ones not included)
 * @param forwarded jobs forwarded to the store since this process started
 * @param rejected jobs the store refused for good, set aside in {@code rejected.log}
 * @param storeReachable false while the circuit breaker is open (the store did not answer)
 */
public record SpoolStats(
    int depth,
    long bytes,
    Duration oldestAge,
    long spooled,
    long forwarded,
    long rejected,
    boolean storeReachable) {}
