package io.drover.server;

import io.drover.server.cli.EnqueueCommand;
import io.drover.server.cli.JobsCommand;
import io.drover.server.cli.LimitsCommand;
import io.drover.server.cli.QueuesCommand;
import io.drover.server.cli.RunsCommand;
import io.drover.server.cli.SchedulesCommand;
import io.drover.server.cli.StatsCommand;
import io.drover.server.cli.TokensCommand;
import io.drover.server.cli.WorkersCommand;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code drover} command line: one jar, several roles (DESIGN §7). */
@Command(
    name = "drover",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Durable background jobs for the JVM and anything that speaks HTTP.")
public final class Main implements Runnable {
  private static final CommandFailures FAILURES = new CommandFailures();

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing command; try: drover server, or drover --help for all");
  }

  /** The command line reading settings from {@code env}, so tests need not touch the real one. */
  public static CommandLine commandLine(Map<String, String> env) {
    // Built on its own so picocli applies the command's model transformer (its setting options),
    // which it does only for command lines constructed directly.
    CommandLine server = new CommandLine(new ServerCommand(env));
    return new CommandLine(new Main())
        .addSubcommand(server)
        .addSubcommand(new CommandLine(new MigrateCommand(env)))
        .addSubcommand(new BenchCommand(env))
        .addSubcommand(new BenchWorkerCommand(env))
        .addSubcommand(new CommandLine(new WorkerCommand(env)))
        .addSubcommand(new CommandLine(new SchedulerCommand(env)))
        .addSubcommand(new EnqueueCommand(env))
        .addSubcommand(new JobsCommand(env))
        .addSubcommand(new QueuesCommand(env))
        .addSubcommand(new SchedulesCommand(env))
        .addSubcommand(new LimitsCommand(env))
        .addSubcommand(new RunsCommand(env))
        .addSubcommand(new WorkersCommand(env))
        .addSubcommand(new StatsCommand(env))
        .addSubcommand(new TokensCommand())
        .setExecutionExceptionHandler(FAILURES)
        .setParameterExceptionHandler(FAILURES);
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
