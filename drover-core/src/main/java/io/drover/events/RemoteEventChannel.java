package io.drover.events;

import io.drover.StoreUnavailableException;
import io.drover.store.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channel through a store's server, to every process sharing the store: events go out as {@link
 * EventCodec} messages, and come back to this process's listeners through one subscription to the
 * server, made at the first {@link #subscribe}, so processes that never watch never receive.
 *
 * <p>Publishing costs a round trip, so a channel asks the server at most once a {@link #RECHECK}
 * whether any process listens, and while none does, says nobody can hear: a watcher that starts in
 * another process hears events from at most that long after it subscribed.
 */
public abstract class RemoteEventChannel implements EventChannel {
  /** How long an answer to "does anyone listen?" is trusted. */
  public static final Duration RECHECK = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(RemoteEventChannel.class);

  private final String name;
  private final int maxMessageBytes;
  private final LocalEventChannel local = new LocalEventChannel();
  private boolean listening; // guarded by this
  private final AtomicLong checkedAt = new AtomicLong(System.nanoTime() - RECHECK.toNanos());
  private volatile boolean othersListen = true;

  /**
   * @param name how logs name the channel, e.g. the store and its channel
   * @param maxMessageBytes the longest message the server carries
   */
  protected RemoteEventChannel(String name, int maxMessageBytes) {
    this.name = name;
    this.maxMessageBytes = maxMessageBytes;
  }

  /**
   * Sends messages to every subscribed process, in order.
   *
   * @throws StoreUnavailableException when the server cannot be reached
   */
  protected abstract void send(List<String> messages);

  /**
   * Subscribes this process, handing each message that arrives to {@link #deliver}.
   *
   * @throws StoreUnavailableException when the subscription cannot be made
   */
  protected abstract void listen();

  /** Ends the subscription, if any. */
  protected abstract void stopListening();

  /**
   * Whether any process, this one included, is subscribed on the server.
   *
   * @throws StoreUnavailableException when the server cannot be asked
   */
  protected abstract boolean anyoneListens();

  @Override
  public final void publish(List<JobEvent> events) {
    try {
      send(EventCodec.encode(events, maxMessageBytes));
    } catch (StoreUnavailableException e) {
      // The change itself is stored; its news is what is lost, and watchers re-read jobs.
      log.warn("events: not sent channel={} events={}: {}", name, events.size(), e.getMessage());
    }
  }

  @Override
  public final Subscription subscribe(JobEventListener listener) {
    synchronized (this) {
      if (!listening) {
        listen();
        listening = true;
      }
    }
    return local.subscribe(listener);
  }

  /** Hands one received message to this process's listeners. */
  protected final void deliver(String message) {
    if (!local.mayHaveListeners()) {
      return;
    }
    try {
      local.publish(EventCodec.decode(message));
    } catch (IllegalArgumentException e) {
      log.debug("events: channel={} ignored a foreign message: {}", name, e.getMessage());
    }
  }

  /** True when this process listens, or the server said lately that some process does. */
  @Override
  public final boolean mayHaveListeners() {
    if (local.mayHaveListeners()) {
      return true;
    }
    long checked = checkedAt.get();
    long now = System.nanoTime();
    // One caller asks; the others go on with the last answer meanwhile.
    if (now - checked >= RECHECK.toNanos() && checkedAt.compareAndSet(checked, now)) {
      try {
        othersListen = anyoneListens();
      } catch (StoreUnavailableException e) {
        othersListen = true; // unknown: publishing then fails and says so
      }
    }
    return othersListen;
  }

  @Override
  public final synchronized void close() {
    if (listening) {
      stopListening();
      listening = false;
    }
    local.close();
  }
}
