package io.drover.bench;

/**
 * The lines a bench and its worker processes exchange. The parent writes commands to a child's
 * stdin; the child answers on stdout in lines starting with {@link #PREFIX}, among whatever else it
 * prints there (its logs), which the parent passes on.
 *
 * <pre>
 * child:  bench-worker ready           store open, pool built, not claiming yet
 * parent: go                           start claiming (every child at once)
 * child:  bench-worker progress 1234   completions so far, every 100 ms
 * parent: stop                         (or end of input) stop and report
 * child:  bench-worker waits 7:812 …  sequence number:enqueue-to-start ns of the jobs it ran
 * child:  bench-worker report runs=…   a {@link WorkerReport}
 * child:  bench-worker done
 * </pre>
 */
final class WorkerProtocol {
  static final String PREFIX = "bench-worker ";
  static final String GO = "go";
  static final String STOP = "stop";
  static final String READY = "ready";
  static final String PROGRESS = "progress";
  static final String WAITS = "waits";
  static final String REPORT = "report";
  static final String DONE = "done";

  /** Keeps lines short enough for any pipe reader, and few enough to parse quickly. */
  static final int WAITS_PER_LINE = 1_000;

  private WorkerProtocol() {}
}
