package io.drover.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints a {@link ClientException} as the one line {@code drover: …} and exits 1, instead of
 * picocli's stack trace; anything else is a bug and keeps its stack trace.
 */
public final class ClientErrors implements IExecutionExceptionHandler {
  public static final int EXIT_FAILED = 1;

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed)
      throws Exception {
    if (!(e instanceof ClientException)) {
      throw e;
    }
    command.getErr().println("drover: " + e.getMessage());
    command.getErr().flush();
    return EXIT_FAILED;
  }
}
