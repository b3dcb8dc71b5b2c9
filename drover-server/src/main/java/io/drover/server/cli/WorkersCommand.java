package io.drover.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code drover workers ls}: the worker registry of a server's store. */
@Command(
    name = "workers",
    mixinStandardHelpOptions = true,
    description = "Lists the worker pools registered on a server's store.")
public final class WorkersCommand {
  @Spec private CommandSpec spec;

  private final Map<String, String> env;

  public WorkersCommand(Map<String, String> env) {
    this.env = env;
  }

  @Command(
      name = "ls",
      mixinStandardHelpOptions = true,
      description =
          "Lists every worker pool, from every process, with its queues, load and last heartbeat.")
  int ls(@Mixin ServerConnection server) {
    JsonNode body = server.call(env, client -> client.get("/api/v1/workers"));
    Table table =
        new Table("ID", "HOST", "QUEUES", "RUNNING", "CONCURRENCY", "LAST_HEARTBEAT", "STALE");
    for (JsonNode worker : body.get("workers")) {
      List<String> queues = new ArrayList<>();
      worker.get("queues").forEach(queue -> queues.add(queue.asText()));
      table.row(
          worker.get("id").asText(),
          worker.get("host").asText(),
          String.join(",", queues),
          worker.get("running").asInt(),
          worker.get("concurrency").asInt(),
          worker.get("last_heartbeat").asText(),
          worker.get("stale").asBoolean() ? "yes" : "no");
    }
    table.print(spec.commandLine().getOut());
    return 0;
  }
}
