package io.drover.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drover queues ls|pause|resume|purge}: queues on a server or store, through its API. */
@Command(
    name = "queues",
    mixinStandardHelpOptions = true,
    description = "Lists queues with their counts; pauses, resumes and purges them.")
public final class QueuesCommand {
  /** The columns' states: those still to run first, then the terminal ones. */
  private static final String[] STATES = {
    "waiting", "active", "scheduled", "retrying", "blocked", "completed", "failed", "cancelled"
  };

  @Spec private CommandSpec spec;

  private final Map<String, String> env;

  public QueuesCommand(Map<String, String> env) {
    this.env = env;
  }

  @Command(
      name = "ls",
      mixinStandardHelpOptions = true,
      description = "Lists every queue with jobs per state and how long its oldest due job waits.")
  int ls(@Mixin ServerConnection server) {
    JsonNode body = server.call(env, client -> client.get("/api/v1/queues"));
    List<String> header = new ArrayList<>(List.of("QUEUE", "PAUSED"));
    Arrays.stream(STATES).map(state -> state.toUpperCase(Locale.ROOT)).forEach(header::add);
    header.addAll(List.of("TOTAL", "OLDEST_WAIT"));
    Table table = new Table(header.toArray(String[]::new));
    for (JsonNode queue : body.get("queues")) {
      Object[] row = new Object[STATES.length + 4];
      row[0] = queue.get("queue").asText();
      row[1] = queue.get("paused").asBoolean() ? "yes" : "no";
      for (int i = 0; i < STATES.length; i++) {
        row[i + 2] = queue.get("counts").get(STATES[i]).asLong();
      }
      row[STATES.length + 2] = queue.get("total").asLong();
      JsonNode age = queue.get("oldest_waiting_age_ms");
      row[STATES.length + 3] = age.isNull() ? null : age.asLong() / 1000 + "s";
      table.row(row);
    }
    table.print(spec.commandLine().getOut());
    return 0;
  }

  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description = "Stops workers from claiming jobs of a queue; running jobs finish.")
  int pause(@Mixin ServerConnection server, @Parameters(paramLabel = "QUEUE") String queue) {
    return setPaused(server, queue, "pause");
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Lets workers claim jobs of a queue again.")
  int resume(@Mixin ServerConnection server, @Parameters(paramLabel = "QUEUE") String queue) {
    return setPaused(server, queue, "resume");
  }

  @Command(
      name = "purge",
      mixinStandardHelpOptions = true,
      description = "Deletes every job of a queue in one state, e.g. its failed jobs.")
  int purge(
      @Mixin ServerConnection server,
      @Parameters(paramLabel = "QUEUE") String queue,
      @Option(
              names = "--state",
              required = true,
              paramLabel = "STATE",
              description =
                  "The state of the jobs to delete: waiting, scheduled, retrying, completed,"
                      + " failed or cancelled.")
          String state) {
    String body = DroverClient.JSON.createObjectNode().put("state", state).toString();
    JsonNode answer =
        server.call(
            env,
            client ->
                client.post(
                    "/api/v1/queues/" + DroverClient.segment(queue) + "/purge", body, Map.of()));
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "queue "
            + answer.get("queue").asText()
            + ": "
            + answer.get("deleted").asLong()
            + " "
            + answer.get("state").asText()
            + " jobs deleted");
    out.flush();
    return 0;
  }

  private int setPaused(ServerConnection server, String queue, String action) {
    JsonNode body =
        server.call(
            env,
            client ->
                client.post(
                    "/api/v1/queues/" + DroverClient.segment(queue) + "/" + action,
                    null,
                    Map.of()));
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "queue "
            + body.get("queue").asText()
            + (body.get("paused").asBoolean() ? " paused" : " resumed"));
    out.flush();
    return 0;
  }
}
