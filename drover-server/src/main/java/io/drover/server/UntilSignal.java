package io.drover.server;

import java.util.concurrent.CountDownLatch;

/** Keeps a process's command running until SIGTERM or Ctrl-C, then stops what it started. */
final class UntilSignal {
  private UntilSignal() {}

  /**
   * Blocks until the JVM is asked to exit and {@code stop} has run. Main exits the JVM with the
   * command's status, so the command must not return while serving; the JVM runs the hook on
   * SIGTERM and Ctrl-C, and once it has stopped everything, this returns.
   */
  static void await(Runnable stop) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stop.run();
                  stopped.countDown();
                },
                "drover-shutdown"));
    stopped.await();
  }
}
