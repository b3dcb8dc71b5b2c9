package io.drover.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.server.ApiClient;
import io.drover.server.Cli;
import io.drover.server.Cli.Run;
import io.drover.server.Main;
import io.drover.server.TestServer;
import io.drover.server.auth.ApiTokens;
import io.drover.server.auth.TokenFile;
import io.drover.store.JobQuery;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The CLI against a running server: every command, its output, and its errors. */
class CliTest extends ServerCliTest {
  @TempDir Path dir;

  @Test
  void enqueue_fromFlags_printsTheId_andAnIdempotencyKeyMakesNoSecondJob() {
    String[] args = {
      "enqueue",
      "--kind",
      "sleep",
      "--queue",
      "mail",
      "--payload",
      "{\"ms\":5}",
      "--priority",
      "high",
      "--tag",
      "a",
      "--tag",
      "b",
      "--idempotency-key",
      "welcome-7"
    };
    Run first = Cli.run(env, args);
    Run again = Cli.run(env, args);

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).startsWith("enqueued ");
    assertThat(again.out()).startsWith("exists already: " + first.out().substring(9).trim());
    JsonNode job = job(first.out().substring(9).trim());
    assertThat(job.get("queue").asText()).isEqualTo("mail");
    assertThat(job.get("priority").asInt()).isEqualTo(7);
    assertThat(job.get("payload").get("ms").asInt()).isEqualTo(5);
    assertThat(job.get("tags")).hasSize(2);
  }

  @Test
  void enqueue_fromNdjson_sendsEveryLineInBatches_withProgressAndASummary() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      lines.add("{\"queue\":\"bulk\",\"kind\":\"noop\",\"payload\":{\"n\":" + i + "}}");
      if (i == 10) {
        lines.add("");
      }
    }
    Path file = Files.write(dir.resolve("jobs.ndjson"), lines);

    Run run = Cli.run(env, "enqueue", "--from", file.toString(), "--batch-size", "10");

    assertThat(run.exitCode()).as(run.err()).isZero();
    // Not a terminal (as here, or 2>file): plain lines a tenth of the way apart, no redrawing.
    assertThat(run.err())
        .isEqualTo("enqueued 10/25 (40%)\nenqueued 20/25 (80%)\nenqueued 25/25 (100%)\n");
    assertThat(run.out()).contains("25 of 25 jobs sent: 25 new, 0 existed already");
    assertThat(server.store().list(JobQuery.all().withQueue("bulk")).jobs()).hasSize(25);
  }

  @Test
  void enqueue_fromNdjson_onATerminal_redrawsOneProgressLine() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      lines.add("{\"queue\":\"bulk\",\"kind\":\"noop\"}");
    }
    Path file = Files.write(dir.resolve("jobs.ndjson"), lines);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit;
    try (DroverClient client = new DroverClient(server.api().baseUrl(), null, () -> {})) {
      exit =
          new NdjsonUpload(client, new PrintWriter(out), new PrintWriter(err), true)
              .run(file, 2, null);
    }

    assertThat(exit).isZero();
    assertThat(err.toString())
        .isEqualTo("\renqueued 2/5 (40%)\renqueued 4/5 (80%)\renqueued 5/5 (100%)\n");
    assertThat(out.toString()).startsWith("5 of 5 jobs sent: 5 new");
  }

  @Test
  void enqueue_fromNdjson_aBadLine_isNamedWithItsField_andNothingIsSent() throws IOException {
    Path file =
        Files.write(
            dir.resolve("jobs.ndjson"),
            List.of(
                "{\"kind\":\"noop\"}",
                "{\"kind\":\"noop\"}",
                "{\"kind\":\"noop\"}",
                "{\"kind\":\"noop\",\"priority\":42}"));

    Run run = Cli.run(env, "enqueue", "--from", file.toString(), "--batch-size", "2");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "drover: "
                + file
                + " line 4: 400 Bad Request: priority: must be between 1 and 10 (was 42) (field"
                + " priority); nothing was sent\n");
    assertThat(run.out()).isEmpty();
    assertThat(server.store().list(JobQuery.all()).jobs()).isEmpty();
  }

  @Test
  void enqueue_fromNdjson_aLineThatIsNotJson_isNamed_andNothingIsSent() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      lines.add("{\"kind\":\"noop\"}");
    }
    lines.add("{\"kind\":");
    Path file = Files.write(dir.resolve("jobs.ndjson"), lines);

    Run run = Cli.run(env, "enqueue", "--from", file.toString(), "--batch-size", "5");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("drover: " + file + " line 13 is not JSON: ");
    assertThat(run.err()).endsWith("; nothing was sent\n");
    assertThat(server.store().list(JobQuery.all()).jobs()).isEmpty();
  }

  @Test
  void jobs_lsShowCancelRetry() {
    String id = enqueued(Cli.run(env, "enqueue", "--kind", "noop", "--queue", "q"));

    Run ls = Cli.run(env, "jobs", "ls", "--queue", "q");
    Run show = Cli.run(env, "jobs", "show", id);
    Run cancel = Cli.run(env, "jobs", "cancel", id);
    Run retry = Cli.run(env, "jobs", "retry", id);
    Run json = Cli.run(env, "jobs", "ls", "--state", "waiting", "--json");

    assertThat(ls.out().lines().toList())
        .hasSize(2)
        .satisfies(
            rows -> {
              assertThat(rows.get(0)).startsWith("ID").contains("QUEUE", "STATE", "ATTEMPT");
              assertThat(rows.get(1)).startsWith(id).contains("q", "noop", "waiting", "0/3");
            });
    assertThat(show.out()).contains("\"id\" : \"" + id + "\"");
    assertThat(cancel.out().trim()).isEqualTo("job " + id + " is cancelled");
    assertThat(retry.out().trim()).isEqualTo("job " + id + " is waiting");
    assertThat(json.out()).contains("\"next_cursor\" : null");
  }

  @Test
  void jobs_delete_removesAJob_andQueuesPurge_deletesOneStateOfOneQueue() {
    String deleted = enqueued(Cli.run(env, "enqueue", "--kind", "noop", "--queue", "q"));
    String kept = enqueued(Cli.run(env, "enqueue", "--kind", "noop", "--queue", "q"));
    for (int i = 0; i < 3; i++) {
      Cli.run(
          env,
          "jobs",
          "cancel",
          enqueued(Cli.run(env, "enqueue", "--kind", "noop", "--queue", "q")));
    }

    Run delete = Cli.run(env, "jobs", "delete", deleted);
    Run purge = Cli.run(env, "queues", "purge", "q", "--state", "cancelled");
    Run badState = Cli.run(env, "queues", "purge", "q", "--state", "active");

    assertThat(delete.out().trim()).isEqualTo("job " + deleted + " deleted");
    assertThat(purge.out().trim()).isEqualTo("queue q: 3 cancelled jobs deleted");
    assertThat(server.store().get(UUID.fromString(deleted))).isEmpty();
    assertThat(server.store().stats())
        .singleElement()
        .satisfies(stats -> assertThat(stats.total()).isEqualTo(1));
    assertThat(server.store().get(UUID.fromString(kept))).isPresent();
    assertThat(badState.exitCode()).isNotZero();
    assertThat(badState.err().lines()).hasSize(1).first().asString().contains("state");
  }

  @Test
  void withAStoreInsteadOfAServer_theCommandsWorkOnTheStoreItself() {
    Map<String, String> direct =
        Map.of("DROVER_STORE", "sqlite", "DROVER_DATA_DIR", dir.toString());

    String id = enqueued(Cli.run(direct, "enqueue", "--kind", "noop", "--queue", "local"));
    Run ls = Cli.run(Map.of(), "jobs", "ls", "--store", "sqlite", "--data-dir", dir.toString());
    Run stats = Cli.run(direct, "stats");
    Run cancel = Cli.run(direct, "jobs", "cancel", id);

    assertThat(ls.out()).contains(id, "local", "waiting");
    assertThat(stats.out()).containsPattern("waiting\\s+1");
    assertThat(cancel.out().trim()).isEqualTo("job " + id + " is cancelled");
    assertThat(server.store().stats()).as("the test server saw none of it").isEmpty();
  }

  @Test
  void jobs_ls_pointsToTheNextPage() {
    Cli.run(env, "enqueue", "--kind", "noop");
    Cli.run(env, "enqueue", "--kind", "noop");

    Run ls = Cli.run(env, "jobs", "ls", "--limit", "1");

    assertThat(ls.out()).containsPattern("more: --cursor [0-9a-f-]{36}");
  }

  @Test
  void queues_lsPauseResume_workersLs_andStats() {
    Cli.run(env, "enqueue", "--kind", "noop", "--queue", "mail");

    Run pause = Cli.run(env, "queues", "pause", "mail");
    Run ls = Cli.run(env, "queues", "ls");
    Run resume = Cli.run(env, "queues", "resume", "mail");
    Run workers = Cli.run(env, "workers", "ls");
    Run stats = Cli.run(env, "stats");

    assertThat(pause.out().trim()).isEqualTo("queue mail paused");
    assertThat(ls.out().lines().findFirst().orElseThrow().split("\\s+"))
        .containsExactly(
            "QUEUE",
            "PAUSED",
            "WAITING",
            "ACTIVE",
            "SCHEDULED",
            "RETRYING",
            "BLOCKED",
            "COMPLETED",
            "FAILED",
            "CANCELLED",
            "TOTAL",
            "OLDEST_WAIT");
    assertThat(ls.out())
        .containsPattern("mail\\s+yes\\s+1\\s+0\\s+0\\s+0\\s+0\\s+0\\s+0\\s+0\\s+1\\s");
    assertThat(resume.out().trim()).isEqualTo("queue mail resumed");
    assertThat(workers.out().lines()).hasSize(1).first().asString().startsWith("ID");
    assertThat(stats.out()).containsPattern("waiting\\s+1").containsPattern("total\\s+1");
  }

  @Test
  void errors_areOneLineWithANonZeroExit() {
    Run missing = Cli.run(env, "jobs", "show", "019a0000-0000-7000-8000-000000000000");
    Run badId = Cli.run(env, "jobs", "cancel", "nope");
    Run badPayload = Cli.run(env, "enqueue", "--kind", "noop", "--payload", "{oops");
    Run farDelay = Cli.run(env, "enqueue", "--kind", "noop", "--delay", "106751991167d");
    Run unreachable = Cli.run(Map.of("DROVER_SERVER", "http://127.0.0.1:1"), "stats");
    Run usage = Cli.run(env, "jobs");

    for (Run run : List.of(missing, badId, badPayload, farDelay, unreachable)) {
      assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
      assertThat(run.err().lines()).singleElement().asString().startsWith("drover: ");
    }
    assertThat(missing.err()).contains("404 Not Found");
    assertThat(badId.err()).contains("(field id)");
    assertThat(badPayload.err()).contains("--payload is not JSON");
    assertThat(farDelay.err())
        .contains("delay: must be from 0s to 3650d")
        .contains("(field delay)");
    assertThat(unreachable.err()).contains("cannot reach http://127.0.0.1:1");
    assertThat(usage.exitCode()).isEqualTo(2);
  }

  @Test
  void aServerWithTokens_takesTheTokenFromTheEnvironment() throws IOException {
    Run created = Cli.run(env, "tokens", "create", "--name", "ops", "--role", "admin");
    JsonNode made = ApiClient.JSON.readTree(created.out());
    String secret = made.get("secret").asText();
    String entry = made.get("entry").toString();

    try (TestServer guarded = startWithTokens("[" + entry + "]")) {
      Map<String, String> base = Map.of("DROVER_SERVER", guarded.api().baseUrl());
      Run without = Cli.run(base, "stats");
      Run with =
          Cli.run(
              Map.of("DROVER_SERVER", guarded.api().baseUrl(), "DROVER_TOKEN", secret), "stats");

      assertThat(without.exitCode()).isEqualTo(1);
      assertThat(without.err()).contains("401");
      assertThat(with.exitCode()).as(with.err()).isZero();
    }
  }

  @Test
  void tokensCreate_printsAFreshSecret_andAnEntryThatAdmitsOnlyIt() throws IOException {
    Run run =
        Cli.run(
            Map.of(),
            "tokens",
            "create",
            "--name",
            "ci",
            "--role",
            "producer",
            "--queues",
            "email,scrape.*");
    Run other = Cli.run(Map.of(), "tokens", "create", "--name", "ci", "--role", "producer");

    assertThat(run.exitCode()).isZero();
    // Stdout is data alone, one JSON object; what to do with it goes to stderr.
    JsonNode made = ApiClient.JSON.readTree(run.out());
    assertThat(made.fieldNames()).toIterable().containsExactly("secret", "entry");
    assertThat(run.out().lines()).hasSize(1);
    assertThat(run.err()).contains("Authorization: Bearer <secret>");
    String secret = made.get("secret").asText();
    assertThat(secret).startsWith("drover_").hasSizeGreaterThanOrEqualTo(7 + 43);
    String entry = made.get("entry").toString();
    JsonNode json = made.get("entry");
    assertThat(json.get("role").asText()).isEqualTo("producer");
    assertThat(json.get("queues"))
        .extracting(JsonNode::asText)
        .containsExactly("email", "scrape.*");
    assertThat(entry).doesNotContain(secret);
    ApiTokens tokens = TokenFile.load(Files.writeString(dir.resolve("t.json"), "[" + entry + "]"));
    assertThat(tokens.authenticate(secret)).isPresent();
    assertThat(other.out()).doesNotContain(secret);
  }

  @Test
  void tokensCreate_withFile_addsTheEntryToTheFile_andPrintsTheSecretAlone() throws IOException {
    Path file = dir.resolve("tokens.json");

    Run first = createToken(file, "ops", "admin");
    Run second = createToken(file, "shop", "producer");
    String before = Files.readString(file);
    Run twice = createToken(file, "shop", "viewer");

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(first.out()).matches("drover_[A-Za-z0-9_-]{43}\n");
    assertThat(second.err()).contains("Added token 'shop' to " + file);
    ApiTokens tokens = TokenFile.load(file);
    assertThat(tokens.size()).isEqualTo(2);
    assertThat(tokens.authenticate(first.out().trim()).orElseThrow().name()).isEqualTo("ops");
    assertThat(tokens.authenticate(second.out().trim()).orElseThrow().name()).isEqualTo("shop");
    assertThat(before).doesNotContain(first.out().trim()).startsWith("[\n  {\"name\":\"ops\"");
    assertThat(twice.exitCode()).isEqualTo(1);
    assertThat(twice.out()).isEmpty();
    assertThat(twice.err())
        .isEqualTo("drover: --file " + file + ": [2].name 'shop' is used twice\n");
    assertThat(Files.readString(file)).isEqualTo(before);
    try (var left = Files.list(dir)) {
      assertThat(left).containsExactly(file);
    }
  }

  private static Run createToken(Path file, String name, String role) {
    return Cli.run(
        Map.of(), "tokens", "create", "--name", name, "--role", role, "--file", file.toString());
  }

  @Test
  void tokensCreate_refusesABadRole_asAUsageError() {
    Run run = Cli.run(Map.of(), "tokens", "create", "--name", "x", "--role", "root");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("drover: --role must be one of admin, producer, worker, viewer")
        .endsWith("(see: drover tokens create --help)");
  }

  @Test
  void everyCommand_hasADescription_everyOptionToo_andItsHelpPrints() {
    assertDescribed(Main.commandLine(Map.of()));
  }

  private static void assertDescribed(CommandLine command) {
    CommandSpec spec = command.getCommandSpec();
    if (!spec.usageMessage().hidden()) {
      assertThat(spec.usageMessage().description()).as(spec.qualifiedName()).isNotEmpty();
      for (OptionSpec option : spec.options()) {
        assertThat(option.description())
            .as(spec.qualifiedName() + " " + option.longestName())
            .isNotEmpty();
      }
      String[] path = spec.qualifiedName().split(" ");
      String[] args = Arrays.copyOfRange(path, 1, path.length + 1);
      args[args.length - 1] = "--help";
      Run help = Cli.run(Map.of(), args);
      assertThat(help.exitCode()).as(spec.qualifiedName()).isZero();
      assertThat(help.out()).startsWith("Usage: " + spec.qualifiedName());
    }
    command.getSubcommands().values().forEach(CliTest::assertDescribed);
  }

  private TestServer startWithTokens(String file) {
    try {
      Path tokens = Files.writeString(dir.resolve("tokens.json"), file);
      return TestServer.start(Map.of("DROVER_TOKENS_FILE", tokens.toString()));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private JsonNode job(String id) {
    return server.api().get("/api/v1/jobs/" + id).body();
  }

  private static String enqueued(Run run) {
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run.out().substring("enqueued ".length()).trim();
  }
}
