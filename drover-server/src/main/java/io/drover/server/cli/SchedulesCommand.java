package io.drover.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code drover schedules ls|show|put|pause|resume|trigger|delete}: schedules on a server. */
@Command(
    name = "schedules",
    mixinStandardHelpOptions = true,
    description = "Lists, shows, creates, pauses, resumes, fires and deletes schedules.")
public final class SchedulesCommand {
  private static final String ROOT = "/api/v1/schedules";

  @Spec private CommandSpec spec;

  private final Map<String, String> env;

  public SchedulesCommand(Map<String, String> env) {
    this.env = env;
  }

  @Command(
      name = "ls",
      mixinStandardHelpOptions = true,
      description =
          "Lists every schedule with its trigger and next fire time, in the schedule's time zone.")
  int ls(@Mixin ServerConnection server) {
    Table table = new Table("NAME", "TRIGGER", "TIMEZONE", "QUEUE", "KIND", "PAUSED", "NEXT_FIRE");
    for (JsonNode schedule : server.call(env, client -> client.get(ROOT)).get("schedules")) {
      table.row(
          schedule.get("name").asText(),
          schedule.has("cron")
              ? schedule.get("cron").asText()
              : "every " + schedule.get("every").asLong() / 1000 + "s",
          schedule.get("timezone").asText(),
          schedule.get("job").get("queue").asText(),
          schedule.get("job").get("kind").asText(),
          schedule.get("paused").asBoolean() ? "yes" : "no",
          localTime(schedule.get("next_fire_at"), schedule.get("timezone").asText()));
    }
    table.print(spec.commandLine().getOut());
    return 0;
  }

  /**
   * An API instant (UTC) as the wall-clock time of the schedule's zone, with its offset, e.g.
   * {@code 2026-12-05T02:30:00+02:00}: the time the cron expression speaks of, and still exact.
   */
  private static String localTime(JsonNode instant, String zone) {
    if (instant.isNull()) {
      return null;
    }
    return Instant.parse(instant.asText())
        .atZone(ZoneId.of(zone))
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Prints a schedule as JSON, with its next fire times.")
  int show(@Mixin ServerConnection server, @Parameters(paramLabel = "NAME") String name) {
    return print(server.call(env, client -> client.get(one(name))));
  }

  @Command(
      name = "put",
      mixinStandardHelpOptions = true,
      description =
          "Creates or replaces a schedule from a JSON definition file (fields as in"
              + " docs/scheduling.md).")
  int put(
      @Mixin ServerConnection server,
      @Parameters(paramLabel = "NAME") String name,
      @Parameters(paramLabel = "FILE", description = "The definition, as JSON.") Path file) {
    String definition;
    try {
      definition = Files.readString(file);
    } catch (IOException e) {
      throw new ClientException("cannot read " + file + ": " + e.getMessage());
    }
    return print(server.call(env, client -> client.put(one(name), definition)));
  }

  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description = "Stops a schedule firing.")
  int pause(@Mixin ServerConnection server, @Parameters(paramLabel = "NAME") String name) {
    return print(server.call(env, client -> client.post(one(name) + "/pause", null, Map.of())));
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Lets a schedule fire again; missed fires meet its misfire policy.")
  int resume(@Mixin ServerConnection server, @Parameters(paramLabel = "NAME") String name) {
    return print(server.call(env, client -> client.post(one(name) + "/resume", null, Map.of())));
  }

  @Command(
      name = "trigger",
      mixinStandardHelpOptions = true,
      description = "Fires a schedule once now, leaving its next fire as it was.")
  int trigger(@Mixin ServerConnection server, @Parameters(paramLabel = "NAME") String name) {
    JsonNode body = server.call(env, client -> client.post(one(name) + "/trigger", null, Map.of()));
    return say("enqueued " + body.get("id").asText());
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes a schedule.")
  int delete(@Mixin ServerConnection server, @Parameters(paramLabel = "NAME") String name) {
    server.call(env, client -> client.delete(one(name)));
    return say("schedule " + name + " deleted");
  }

  private static String one(String name) {
    return ROOT + "/" + DroverClient.segment(name);
  }

  private int print(JsonNode body) {
    return say(body.toPrettyString());
  }

  private int say(String line) {
    PrintWriter out = spec.commandLine().getOut();
    out.println(line);
    out.flush();
    return 0;
  }
}
