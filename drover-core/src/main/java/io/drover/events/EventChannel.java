package io.drover.events;

import io.drover.store.Subscription;
import java.util.List;

/**
 * How a store carries job events to whoever watches: within this process for the memory and SQLite
 * stores, to every process on the same server for PostgreSQL (NOTIFY) and Redis (pub/sub). Delivery
 * is at most once and best effort; watchers who must not miss a change read the job.
 */
public interface EventChannel extends AutoCloseable {

  /** Sends events to every subscriber, this process's included. Never throws for a lost send. */
  void publish(List<JobEvent> events);

  /** Registers a listener; events published from now on reach it (subject to delivery). */
  Subscription subscribe(JobEventListener listener);

  /**
   * False only when nobody could hear a publish, so publishers can skip building events: a channel
   * that reaches other processes cannot know, and says true.
   */
  boolean mayHaveListeners();

  /** Stops delivering and forgets the listeners. Idempotent. */
  @Override
  void close();
}
