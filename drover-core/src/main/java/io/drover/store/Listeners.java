package io.drover.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners to one kind of news in this process (wake-ups, job events, a pool's attempts),
 * added and removed from any thread while deliveries run. A delivery reaches every listener even
 * when one throws, and never throws itself: the caller is doing something that matters more (a
 * store's commit, a pool's thread) than a listener's failure. A listener that throws is logged at
 * WARN the first time and at DEBUG after, so one that fails on every delivery cannot flood the log.
 *
 * @param <L> the listener type
 */
public final class Listeners<L> {
  private static final Logger log = LoggerFactory.getLogger(Listeners.class);

  private final String name;
  private final List<Registration<L>> registrations = new CopyOnWriteArrayList<>();

  /**
   * @param name how logs name one of these listeners, after their component, e.g. {@code "store:
   *     wakeup listener"}
   */
  public Listeners(String name) {
    this.name = name;
  }

  /**
   * Adds {@code listener} until the subscription is closed; closing it again does nothing. A
   * listener added twice hears twice, and each subscription removes only its own registration.
   */
  public Subscription add(L listener) {
    Registration<L> registration = new Registration<>(listener);
    registrations.add(registration);
    return () -> registrations.remove(registration);
  }

  /** Calls {@code delivery} with each listener, in the order they were added, on this thread. */
  public void forEach(Consumer<? super L> delivery) {
    for (Registration<L> registration : registrations) {
      try {
        delivery.accept(registration.listener);
      } catch (RuntimeException e) {
        registration.failed(name, e);
      }
    }
  }

  public boolean isEmpty() {
    return registrations.isEmpty();
  }

  /** Removes every listener; their subscriptions' closing then does nothing. */
  public void clear() {
    registrations.clear();
  }

  /** One {@link #add}: compared by identity, so removing it never removes an equal listener. */
  private static final class Registration<L> {
    private final L listener;
    private final AtomicBoolean failedBefore = new AtomicBoolean();

    Registration(L listener) {
      this.listener = listener;
    }

    void failed(String name, RuntimeException e) {
      String which = listener.getClass().getName();
      if (failedBefore.compareAndSet(false, true)) {
        log.warn("{} {} failed; its later failures are logged at DEBUG", name, which, e);
      } else {
        log.debug("{} {} failed again", name, which, e);
      }
    }
  }
}
