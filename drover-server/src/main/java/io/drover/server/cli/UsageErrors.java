package io.drover.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Prints a command-line mistake (an unknown option, a missing argument) as one line naming where
 * the help is, instead of the whole usage text, and exits with picocli's usage status (2).
 */
public final class UsageErrors implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    command
        .getErr()
        .println(
            "drover: "
                + e.getMessage()
                + " (see: "
                + command.getCommandSpec().qualifiedName()
                + " --help)");
    command.getErr().flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }
}
