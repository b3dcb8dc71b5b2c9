package io.drover.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drover limits ls|show|set|delete}: limits on a server (docs/flow-control.md). */
@Command(
    name = "limits",
    mixinStandardHelpOptions = true,
    description = "Lists, shows (with the keys held back now), sets and deletes limits.")
public final class LimitsCommand {
  private static final String ROOT = "/api/v1/limits";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec private CommandSpec spec;

  private final Map<String, String> env;

  public LimitsCommand(Map<String, String> env) {
    this.env = env;
  }

  @Command(name = "ls", mixinStandardHelpOptions = true, description = "Lists every limit.")
  int ls(@Mixin ServerConnection server) {
    Table table =
        new Table("NAME", "QUEUES", "KINDS", "RATE", "CONCURRENCY", "QUEUE_CONCURRENCY", "FAIR");
    for (JsonNode limit : server.call(env, client -> client.get(ROOT)).get("limits")) {
      table.row(
          limit.get("name").asText(),
          joined(limit.get("queues")),
          joined(limit.get("kinds")),
          rate(limit.get("rate")),
          limit.get("concurrency").isNull() ? null : limit.get("concurrency").asText(),
          limit.get("queue_concurrency").isNull() ? null : limit.get("queue_concurrency").asText(),
          limit.get("fair").asBoolean() ? "yes" : "no");
    }
    table.print(spec.commandLine().getOut());
    return 0;
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Prints a limit as JSON, with the keys it holds back now.")
  int show(@Mixin ServerConnection server, @Parameters(paramLabel = "NAME") String name) {
    return say(server.call(env, client -> client.get(one(name))).toPrettyString());
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = "Creates or replaces a limit; it holds from the next claim on.")
  int set(
      @Mixin ServerConnection server,
      @Parameters(paramLabel = "NAME") String name,
      @Option(
              names = "--queues",
              required = true,
              split = ",",
              paramLabel = "QUEUE",
              description = "Queue names or globs it governs, comma-separated: 'scrape.*,crawl'.")
          List<String> queues,
      @Option(
              names = "--kinds",
              split = ",",
              paramLabel = "KIND",
              description = "Only jobs of these kinds. Default: every kind.")
          List<String> kinds,
      @Option(
              names = "--rate",
              paramLabel = "N/PER",
              description = "Starts per window per key: 2/s, 100/1m, 5/250ms.")
          String rate,
      @Option(
              names = "--burst",
              paramLabel = "N",
              description = "Starts a rested key may make at once (with --rate). Default: 1.")
          Integer burst,
      @Option(
              names = "--concurrency",
              paramLabel = "N",
              description = "Running jobs per key across the fleet.")
          Integer concurrency,
      @Option(
              names = "--queue-concurrency",
              paramLabel = "N",
              description = "Running governed jobs in total across the fleet.")
          Integer queueConcurrency,
      @Option(names = "--fair", description = "Keys take turns within a priority.") boolean fair) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode patterns = body.putArray("queues");
    queues.forEach(patterns::add);
    if (kinds != null) {
      ArrayNode list = body.putArray("kinds");
      kinds.forEach(list::add);
    }
    if (rate != null) {
      ObjectNode window;
      try {
        window = RateOption.parse(rate);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      if (burst != null) {
        window.put("burst", burst);
      }
      body.set("rate", window);
    } else if (burst != null) {
      throw new ParameterException(spec.commandLine(), "--burst needs --rate");
    }
    if (concurrency != null) {
      body.put("concurrency", concurrency);
    }
    if (queueConcurrency != null) {
      body.put("queue_concurrency", queueConcurrency);
    }
    if (fair) {
      body.put("fair", true);
    }
    JsonNode saved = server.call(env, client -> client.put(one(name), body.toString()));
    return say("limit " + saved.get("name").asText() + " set");
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes a limit.")
  int delete(@Mixin ServerConnection server, @Parameters(paramLabel = "NAME") String name) {
    server.call(env, client -> client.delete(one(name)));
    return say("limit " + name + " deleted");
  }

  private static String one(String name) {
    return ROOT + "/" + DroverClient.segment(name);
  }

  private static String joined(JsonNode strings) {
    List<String> texts =
        StreamSupport.stream(strings.spliterator(), false).map(JsonNode::asText).toList();
    return texts.isEmpty() ? null : String.join(",", texts);
  }

  private static String rate(JsonNode rate) {
    if (rate.isNull()) {
      return null;
    }
    String shown = rate.get("limit").asText() + "/" + rate.get("per").asLong() + "ms";
    return rate.get("burst").asInt() > 1 ? shown + " burst " + rate.get("burst").asText() : shown;
  }

  private int say(String line) {
    PrintWriter out = spec.commandLine().getOut();
    out.println(line);
    out.flush();
    return 0;
  }
}
