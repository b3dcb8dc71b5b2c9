package io.drover.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A one-line bar redrawn in place a few times a second, e.g. {@code drain [##########..........]
 * 50% 10,000/20,000}. Meant for a terminal's stderr: it uses carriage returns, so it belongs
 * nowhere output is kept.
 */
public final class ProgressBar implements Progress {
  private static final int WIDTH = 30;
  private static final long REDRAW_EVERY_MILLIS = 200;

  private final PrintStream terminal;
  private final ScheduledExecutorService redraws =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("bench-progress").factory());
  private ScheduledFuture<?> redrawing;
  private Runnable draw;

  public ProgressBar(PrintStream terminal) {
    this.terminal = terminal;
  }

  @Override
  public synchronized void begin(String phase, long total, LongSupplier done) {
    end();
    draw = () -> terminal.print("\r" + line(phase, total, Math.min(total, done.getAsLong())));
    redrawing =
        redraws.scheduleAtFixedRate(this::redraw, 0, REDRAW_EVERY_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void end() {
    if (redrawing != null) {
      redrawing.cancel(false);
      redrawing = null;
      draw.run();
      terminal.println();
    }
  }

  private synchronized void redraw() {
    if (redrawing != null) {
      draw.run();
      terminal.flush();
    }
  }

  static String line(String phase, long total, long done) {
    int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
    return String.format(
        Locale.ROOT,
        "%-8s [%s%s] %3d%% %,d/%,d",
        phase,
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        total == 0 ? 100 : 100 * done / total,
        done,
        total);
  }
}
