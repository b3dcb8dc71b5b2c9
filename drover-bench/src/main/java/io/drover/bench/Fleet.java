package io.drover.bench;

/**
 * The workers that drain a scenario's queue: a pool in this process, or child processes. Closing
 * stops whatever still runs, so a scenario that fails half-way leaves no worker behind.
 */
interface Fleet extends AutoCloseable {
  /** Starts claiming; returns once every worker is claiming. */
  void start();

  /** Completions the store has acknowledged so far, as far as the workers know. */
  long completed();

  /** Stops claiming and reports what ran. */
  FleetResult stop();

  @Override
  void close();
}
