package io.drover.server;

import io.drover.server.cli.ClientException;
import io.drover.server.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How every {@code drover} command that fails ends, decided once for all of them on the root
 * command line: one line on stderr, {@code drover: …}, and an exit status instead of picocli's
 * usage text or a stack trace.
 *
 * <ul>
 *   <li>a mistake on the command line (picocli's {@link ParameterException}, also thrown by
 *       commands for an option they cannot use): the line names where the help is; status 2
 *   <li>a setting that cannot be used ({@link ConfigException}): status 2
 *   <li>work the command could not do ({@link ClientException}: the server refused or cannot be
 *       reached): status 1
 *   <li>anything else from a {@link ProcessCommand}: its message, status 1
 *   <li>anything else: a bug, kept with its stack trace by picocli; status 1
 * </ul>
 */
final class CommandFailures implements IParameterExceptionHandler, IExecutionExceptionHandler {
  /** The command could not do its work. */
  static final int EXIT_FAILED = 1;

  /** The command was given input it cannot use: an option, an argument or a setting. */
  static final int EXIT_USAGE = 2;

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    say(
        command,
        e.getMessage() + " (see: " + command.getCommandSpec().qualifiedName() + " --help)");
    return EXIT_USAGE;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed)
      throws Exception {
    if (e instanceof ConfigException) {
      say(command, e.getMessage());
      return EXIT_USAGE;
    }
    if (e instanceof ClientException
        || (e instanceof RuntimeException
            && command.getCommandSpec().userObject() instanceof ProcessCommand)) {
      say(command, e.getMessage());
      return EXIT_FAILED;
    }
    throw e;
  }

  private static void say(CommandLine command, String line) {
    command.getErr().println("drover: " + line);
    command.getErr().flush();
  }
}
