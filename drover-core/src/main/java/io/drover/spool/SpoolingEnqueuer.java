package io.drover.spool;

import io.drover.JobSpec;
import io.drover.StoreUnavailableException;
import io.drover.store.Enqueued;
import io.drover.store.JobStore;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * How producers enqueue when a spool is configured (the server's API, the CLI talking straight to a
 * store, an embedding {@link io.drover.Drover}): straight to the store while it answers, to the
 * durable {@link Spool} while it does not. A call that finds the store unreachable spools its jobs
 * (all of them: a batch stays whole); once the {@link StoreBreaker} has opened, calls spool without
 * trying the store. A background {@link Forwarder} moves spooled jobs to the store when it answers.
 *
 * <p>While the store answers, a call costs what the store's does plus the breaker's bookkeeping: no
 * disk, no copy of the specs.
 */
public final class SpoolingEnqueuer implements AutoCloseable {
  private final JobStore store;
  private final Spool spool;
  private final StoreBreaker breaker = new StoreBreaker();
  private final Forwarder forwarder;

  private SpoolingEnqueuer(JobStore store, Spool spool) {
    this.store = store;
    this.spool = spool;
    this.forwarder = new Forwarder(spool, store, breaker);
  }

  /**
   * Opens the spool (adopting journals ended processes left) and starts forwarding.
   *
   * @param store the store jobs go to, as the producer uses it (e.g. publishing events)
   */
  public static SpoolingEnqueuer open(JobStore store, SpoolConfig config, InstantSource clock) {
    SpoolingEnqueuer enqueuer = new SpoolingEnqueuer(store, Spool.open(config, clock));
    enqueuer.forwarder.start();
    return enqueuer;
  }

  /**
   * Enqueues in the store, or spools when it is unreachable.
   *
   * @return the store's answers, or for spooled jobs {@link Enqueued#spooled} ones
   * @throws SpoolFullException if the store is unreachable and the jobs do not fit in the spool
   */
  public List<Enqueued> enqueue(List<JobSpec> specs) {
    if (!breaker.tryCall()) {
      return spool(specs);
    }
    long started = System.nanoTime();
    List<Enqueued> answers;
    try {
      answers = store.enqueue(specs);
    } catch (StoreUnavailableException e) {
      breaker.unreachable(System.nanoTime() - started, e);
      return spool(specs);
    } catch (RuntimeException e) {
      breaker.answeredOtherwise();
      throw e;
    }
    breaker.succeeded(System.nanoTime() - started);
    return answers;
  }

  private List<Enqueued> spool(List<JobSpec> specs) {
    try {
      spool.add(specs);
    } catch (java.io.UncheckedIOException e) {
      throw new StoreUnavailableException(
          "the store is unreachable and the spool cannot keep the jobs: " + e.getMessage(), e);
    }
    forwarder.wakeUp();
    List<Enqueued> answers = new ArrayList<>(specs.size());
    specs.forEach(spec -> answers.add(Enqueued.spooled(spec.id())));
    return answers;
  }

  public SpoolStats stats() {
    return spool.stats(!breaker.isOpen());
  }

  /** {@code closed}, {@code open} or {@code half_open}. */
  public String breakerState() {
    return breaker.state();
  }

  public SpoolConfig config() {
    return spool.config();
  }

  /** Stops forwarding and closes the spool; jobs still in it wait for the next process. */
  @Override
  public void close() {
    forwarder.stop();
    spool.close();
  }
}
