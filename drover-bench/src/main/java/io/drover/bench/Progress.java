package io.drover.bench;

import java.util.function.LongSupplier;

/** Shows how far a phase has got while it runs; {@link #NONE} when nobody is watching. */
public interface Progress {
  Progress NONE =
      new Progress() {
        @Override
        public void begin(String phase, long total, LongSupplier done) {}

        @Override
        public void end() {}
      };

  /** A phase starts: {@code done} says how many of {@code total} are done whenever asked. */
  void begin(String phase, long total, LongSupplier done);

  /** The current phase is over. */
  void end();
}
