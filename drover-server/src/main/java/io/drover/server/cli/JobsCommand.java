package io.drover.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drover jobs ls|show|cancel|retry|delete}: jobs on a server or store, through its API. */
@Command(
    name = "jobs",
    mixinStandardHelpOptions = true,
    description = "Lists, shows, cancels, retries and deletes jobs on a server or store.")
public final class JobsCommand {
  @Spec private CommandSpec spec;

  private final Map<String, String> env;

  public JobsCommand(Map<String, String> env) {
    this.env = env;
  }

  @Command(
      name = "ls",
      mixinStandardHelpOptions = true,
      description = "Lists jobs, newest first, one page at a time.")
  int ls(
      @Mixin ServerConnection server,
      @Option(names = "--queue", paramLabel = "NAME", description = "Only this queue.")
          String queue,
      @Option(
              names = "--state",
              paramLabel = "STATE",
              description =
                  "Only this state: scheduled, waiting, active, retrying, completed,"
                      + " failed, cancelled, blocked.")
          String state,
      @Option(names = "--kind", paramLabel = "KIND", description = "Only this kind.") String kind,
      @Option(names = "--tag", paramLabel = "TAG", description = "Only jobs with this tag.")
          String tag,
      @Mixin PageOptions pageOptions,
      @Option(names = "--json", description = "Prints the page as the API's JSON.") boolean json) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("queue", queue);
    query.put("state", state);
    query.put("kind", kind);
    query.put("tag", tag);
    pageOptions.addTo(query);
    JsonNode page = server.call(env, client -> client.get("/api/v1/jobs", query));
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(pretty(page));
      out.flush();
      return 0;
    }
    Table table = new Table("ID", "QUEUE", "KIND", "STATE", "ATTEMPT", "CREATED");
    for (JsonNode job : page.get("jobs")) {
      table.row(
          job.get("id").asText(),
          job.get("queue").asText(),
          job.get("kind").asText(),
          job.get("state").asText(),
          job.get("attempt").asInt() + "/" + job.get("max_attempts").asInt(),
          job.get("created_at").asText());
    }
    table.print(out);
    PageOptions.printNext(page, out);
    return 0;
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Prints one job as JSON.")
  int show(@Mixin ServerConnection server, @Parameters(paramLabel = "ID") String id) {
    print(server.call(env, client -> client.get("/api/v1/jobs/" + DroverClient.segment(id))));
    return 0;
  }

  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = "Cancels a job that has not finished; a running one is interrupted.")
  int cancel(@Mixin ServerConnection server, @Parameters(paramLabel = "ID") String id) {
    JsonNode job =
        server.call(
            env,
            client ->
                client.post(
                    "/api/v1/jobs/" + DroverClient.segment(id) + "/cancel", null, Map.of()));
    line("job " + job.get("id").asText() + " is " + job.get("state").asText());
    return 0;
  }

  @Command(
      name = "retry",
      mixinStandardHelpOptions = true,
      description =
          "Runs a scheduled, retrying, failed or cancelled job now; one with no attempts left gets"
              + " one more.")
  int retry(@Mixin ServerConnection server, @Parameters(paramLabel = "ID") String id) {
    JsonNode job =
        server.call(
            env,
            client ->
                client.post("/api/v1/jobs/" + DroverClient.segment(id) + "/retry", null, Map.of()));
    line("job " + job.get("id").asText() + " is " + job.get("state").asText());
    return 0;
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Deletes a job that is not running (cancel a running one first).")
  int delete(@Mixin ServerConnection server, @Parameters(paramLabel = "ID") String id) {
    server.call(env, client -> client.delete("/api/v1/jobs/" + DroverClient.segment(id)));
    line("job " + id + " deleted");
    return 0;
  }

  private void print(JsonNode json) {
    line(pretty(json));
  }

  private void line(String text) {
    PrintWriter out = spec.commandLine().getOut();
    out.println(text);
    out.flush();
  }

  static String pretty(JsonNode json) {
    try {
      return DroverClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed tree could not be written", e);
    }
  }
}
