package io.drover.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The earliest time something becomes due, known without polling: read from the store, and lowered
 * by the times announced on the wake-up channel since ({@link #heard}). The reading goes stale when
 * its time or a heard one has passed, when wake-ups were lost ({@link #missed}), and after {@code
 * recheck} in any case. Heard from the channel's thread, read and refreshed from one other.
 */
public final class DueWatch {
  private final Duration recheck;
  private final AtomicReference<Instant> heard = new AtomicReference<>();
  private volatile boolean missed = true;
  private Instant read;
  private Instant readAt = Instant.MIN;

  public DueWatch(Duration recheck) {
    this.recheck = recheck;
  }

  /** An announced time; returns the earliest heard since the last reading. */
  public Instant heard(Instant at) {
    return heard.accumulateAndGet(
        at, (known, added) -> known == null || added.isBefore(known) ? added : known);
  }

  /** Wake-ups may have been lost: the next look reads the store again. */
  public void missed() {
    missed = true;
  }

  /** Whether the store must be read again before the earliest time can be trusted. */
  public boolean stale(Instant now) {
    return missed || !readAt.plus(recheck).isAfter(now) || due(now);
  }

  /** Whether the earliest known time has come. */
  public boolean due(Instant now) {
    Instant earliest = earliest();
    return earliest != null && !earliest.isAfter(now);
  }

  /** Reads the store's answer afresh; what is heard from here on is newer than it. */
  public void refresh(Instant now, Supplier<Optional<Instant>> store) {
    missed = false;
    heard.set(null);
    readAt = now;
    read = store.get().orElse(null);
  }

  /** The earliest known time, or null when nothing is known to come. */
  public Instant earliest() {
    Instant also = heard.get();
    return also != null && (read == null || also.isBefore(read)) ? also : read;
  }
}
