package io.drover.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.drover.server.json.JsonOrYamlFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code drover runs create|ls|show|cancel|retry|signal|delete}: runs (workflows) on a server or
 * store, through its API.
 */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description =
        "Creates runs (workflows) from plan files; lists, shows, cancels, retries, signals and"
            + " deletes them.")
public final class RunsCommand {
  private static final String ROOT = "/api/v1/runs";

  @Spec private CommandSpec spec;

  private final Map<String, String> env;

  public RunsCommand(Map<String, String> env) {
    this.env = env;
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Creates a run from a plan file (its steps as docs/workflows.md describes).")
  int create(
      @Mixin ServerConnection server,
      @Option(
              names = "--file",
              required = true,
              paramLabel = "FILE",
              description = "The plan: JSON if the name ends in .json, else YAML.")
          Path file,
      @Option(
              names = "--idempotency-key",
              paramLabel = "KEY",
              description =
                  "Sent as Idempotency-Key: running the command again with the same key makes no"
                      + " second run.")
          String idempotencyKey) {
    String plan = plan(file).toString();
    Map<String, String> headers =
        idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey);
    JsonNode run = server.call(env, client -> client.post(ROOT, plan, headers));
    return say(
        "run "
            + run.get("id").asText()
            + (run.get("created").asBoolean()
                ? " created"
                : " exists already (same id or idempotency key)"));
  }

  private static JsonNode plan(Path file) {
    JsonNode plan;
    try {
      plan = JsonOrYamlFile.read(file);
    } catch (JsonProcessingException e) {
      throw new ClientException(
          file
              + " does not parse: "
              + e.getOriginalMessage().replaceAll("\\s+", " ").strip()
              + (e.getLocation() == null
                  ? ""
                  : " (line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()
                      + ")"));
    } catch (IOException e) {
      throw new ClientException("cannot read " + file + ": " + e.getMessage());
    }
    if (plan == null || plan.isMissingNode()) {
      throw new ClientException(file + " is empty; a plan is an object with name and steps");
    }
    return plan;
  }

  @Command(
      name = "ls",
      mixinStandardHelpOptions = true,
      description = "Lists runs, newest first, one page at a time, with their steps' progress.")
  int ls(
      @Mixin ServerConnection server,
      @Option(
              names = "--state",
              paramLabel = "STATE",
              description = "Only this state: running, completed, failed, cancelled.")
          String state,
      @Option(names = "--name", paramLabel = "NAME", description = "Only runs of this name.")
          String name,
      @Mixin PageOptions pageOptions,
      @Option(names = "--json", description = "Prints the page as the API's JSON.") boolean json) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("state", state);
    query.put("name", name);
    pageOptions.addTo(query);
    JsonNode page = server.call(env, client -> client.get(ROOT, query));
    if (json) {
      return say(page.toPrettyString());
    }
    PrintWriter out = spec.commandLine().getOut();
    Table table = new Table("ID", "NAME", "STATE", "STEPS", "DONE", "CREATED", "FINISHED");
    for (JsonNode run : page.get("runs")) {
      int steps = 0;
      int done = 0;
      for (Map.Entry<String, JsonNode> count : run.get("counts").properties()) {
        steps += count.getValue().asInt();
        if (RunTree.FINISHED.contains(count.getKey())) {
          done += count.getValue().asInt();
        }
      }
      table.row(
          run.get("id").asText(),
          run.get("name").asText(),
          run.get("state").asText(),
          steps,
          done,
          run.get("created_at").asText(),
          run.get("finished_at").isNull() ? null : run.get("finished_at").asText());
    }
    table.print(out);
    PageOptions.printNext(page, out);
    return 0;
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description =
          "Prints a run and its steps in creation order: each step's state, attempt, what it runs"
              + " or waits for, and the steps it depends on.")
  int show(
      @Mixin ServerConnection server,
      @Parameters(paramLabel = "ID") String id,
      @Option(names = "--json", description = "Prints the run as the API's JSON.") boolean json) {
    JsonNode run = server.call(env, client -> client.get(one(id)));
    if (json) {
      return say(run.toPrettyString());
    }
    RunTree.print(run, spec.commandLine().getOut());
    return 0;
  }

  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = "Cancels every step of a run that has not finished; running ones are stopped.")
  int cancel(@Mixin ServerConnection server, @Parameters(paramLabel = "ID") String id) {
    return act(server, id, "cancel");
  }

  @Command(
      name = "retry",
      mixinStandardHelpOptions = true,
      description =
          "Runs a failed or cancelled run's failed and cancelled steps again, with their attempts"
              + " renewed; completed steps keep their results.")
  int retry(@Mixin ServerConnection server, @Parameters(paramLabel = "ID") String id) {
    return act(server, id, "retry");
  }

  @Command(
      name = "signal",
      mixinStandardHelpOptions = true,
      description =
          "Sends a signal to a run: the step waiting for it completes, with the data as its"
              + " result.")
  int signal(
      @Mixin ServerConnection server,
      @Parameters(paramLabel = "ID") String id,
      @Parameters(paramLabel = "NAME", description = "The signal's name, as its step gives it.")
          String name,
      @Option(
              names = "--data",
              paramLabel = "JSON",
              description = "The signal's body, the step's result. Default: {}.")
          String data) {
    String body = data == null ? "{}" : DroverClient.jsonOption("--data", data).toString();
    JsonNode run =
        server.call(
            env,
            client ->
                client.post(one(id) + "/signals/" + DroverClient.segment(name), body, Map.of()));
    return say("signal " + name + " delivered to run " + run.get("id").asText());
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Deletes a run with all its steps, once every step has finished.")
  int delete(@Mixin ServerConnection server, @Parameters(paramLabel = "ID") String id) {
    server.call(env, client -> client.delete(one(id)));
    return say("run " + id + " deleted");
  }

  private static String one(String id) {
    return ROOT + "/" + DroverClient.segment(id);
  }

  /** Posts an action on the run ({@code cancel}, {@code retry}) and says where it left it. */
  private int act(ServerConnection server, String id, String action) {
    JsonNode run = server.call(env, client -> client.post(one(id) + "/" + action, null, Map.of()));
    return say("run " + run.get("id").asText() + " is " + run.get("state").asText());
  }

  private int say(String line) {
    PrintWriter out = spec.commandLine().getOut();
    out.println(line);
    out.flush();
    return 0;
  }
}
