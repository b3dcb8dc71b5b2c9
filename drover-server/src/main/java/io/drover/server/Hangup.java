package io.drover.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGHUP, the conventional "read your configuration again". Java has no public API for signals;
 * {@code sun.misc.Signal} is the supported one (module jdk.unsupported). Handling it also stops the
 * JVM's default for SIGHUP, which is to exit.
 */
final class Hangup {
  private static final Logger log = LoggerFactory.getLogger(Hangup.class);

  private Hangup() {}

  /** Runs {@code action} on each SIGHUP, where the platform and the JVM's flags allow it. */
  static void onSignal(Runnable action) {
    try {
      Signal.handle(new Signal("HUP"), signal -> action.run());
    } catch (IllegalArgumentException e) {
      // No SIGHUP (Windows) or the JVM runs with -Xrs: the file's own change check still works.
      log.atDebug()
          .setMessage("SIGHUP cannot be handled here: {}")
          .addArgument(e.getMessage())
          .log();
    }
  }
}
