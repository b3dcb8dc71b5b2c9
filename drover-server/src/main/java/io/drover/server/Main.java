package io.drover.server;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code drover} command line: one jar, several roles (DESIGN §7); {@code server} so far. */
@Command(
    name = "drover",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Durable background jobs for the JVM and anything that speaks HTTP.")
public final class Main implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command; try: drover server");
  }

  /** The command line reading settings from {@code env}, so tests need not touch the real one. */
  public static CommandLine commandLine(Map<String, String> env) {
    // Built on its own so picocli applies the command's model transformer (its setting options),
    // which it does only for command lines constructed directly.
    CommandLine server = new CommandLine(new ServerCommand(env));
    return new CommandLine(new Main()).addSubcommand(server);
  }

  public static void main(String[] args) {
    System.exit(commandLine(System.getenv()).execute(args));
  }

  /** The version the runnable jar's manifest carries. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Main.class.getPackage().getImplementationVersion();
      return new String[] {"drover " + (version == null ? "(development build)" : version)};
    }
  }
}
