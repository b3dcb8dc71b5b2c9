package io.drover.server.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.server.TestServer;
import io.drover.server.docs.DocCommands.Command;
import io.drover.server.docs.DocCommands.Found;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shell command shown in README.md and docs/, run as a reader would run it, in the order the
 * docs give, against a server of this build on a free port ({@code localhost:8080} becomes it) and
 * with {@code ./drover} the CLI of this build; its output must have the shape the doc shows under
 * it ({@link OutputShape}). A command run elsewhere names the test that runs it and why; a block
 * marked {@code <!-- not run: reason -->} says why. A command of none of these fails the test, so a
 * doc cannot show a command nobody checks.
 */
class DocCommandsTest {
  private static final Path ROOT = Path.of("..");
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern LEASE_TOKEN = Pattern.compile("\"lease_token\":(\\d+)");
  private static final Pattern ASSIGNMENTS =
      Pattern.compile("^(\\s*[A-Z_]+=('[^']*'|[^\\s;']+)\\s*;?)+\\s*(#.*)?$");

  private static final Pattern STATE_DEPENDENT =
      Pattern.compile("^\\./drover (jobs|runs) (cancel|retry|delete) ");

  /** Commands a test of their own runs, with what it shows. */
  private static final List<Elsewhere> ELSEWHERE =
      List.of(
          new Elsewhere(
              "^mvn -B verify$",
              "io.drover.server.docs.DocCommandsTest",
              "the build this test is part of"),
          new Elsewhere(
              "^\\./drover server$",
              "io.drover.server.GracefulShutdownIT",
              "runs the jar's server as a process, with SIGTERM's graceful stop"),
          new Elsewhere(
              "^\\./drover server --host 0\\.0\\.0\\.0 --tokens-file ",
              "io.drover.server.auth.LoopbackGuardTest",
              "any host but loopback needs tokens; AuthTest runs a server with a tokens file"),
          new Elsewhere(
              "Authorization: Bearer \\$SECRET",
              "io.drover.server.http.AuthTest",
              "the token's 200, 401 and 403"),
          new Elsewhere(
              "^\\./drover (server --no-workers|worker --queues)",
              "io.drover.server.WorkerProcessIT",
              "an API process without workers and a worker process on one store"),
          new Elsewhere(
              "^\\./drover scheduler --schedules ",
              "io.drover.server.schedule.ScheduleFileTest",
              "the schedules file; a scheduler process starts as the server's scheduler does"),
          new Elsewhere(
              "^DATABASE_URL=\\S+ \\./drover stats",
              "io.drover.server.cli.DirectStoreCliTest",
              "the CLI straight to a store, reachable or not; CliTest runs it on SQLite"));

  @TempDir static Path work;
  private static TestServer server;
  private static Path shell;

  private String lastId;
  private String lastLeaseToken;

  @BeforeAll
  static void start() throws IOException {
    // The server's own workers take only demo, as the README advises for HTTP workers.
    server = TestServer.start(Map.of("DROVER_QUEUES", "demo", "WORKER_POLL_INTERVAL", "50"));
    shell = work.resolve("home");
    Files.createDirectories(shell);
    Path drover = shell.resolve("drover");
    Files.writeString(
        drover,
        "#!/bin/sh\nexec '"
            + ProcessHandle.current().info().command().orElseThrow()
            + "' --enable-native-access=ALL-UNNAMED"
            + (Runtime.version().feature() >= 24 ? " --sun-misc-unsafe-memory-access=allow" : "")
            + " -cp '"
            + System.getProperty("java.class.path")
            + "' io.drover.server.Main \"$@\"\n");
    drover.toFile().setExecutable(true);
    Files.writeString(
        shell.resolve("jobs.ndjson"),
        "{\"queue\":\"demo\",\"kind\":\"noop\"}\n{\"queue\":\"demo\",\"kind\":\"noop\"}\n");
    Files.writeString(shell.resolve("state.sh"), "");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyDocumentedCommand_runsWithTheOutputTheDocShows_orNamesWhatChecksIt() {
    List<String> files = new ArrayList<>(List.of("README.md"));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.map(path -> "docs/" + path.getFileName())
          .filter(name -> name.endsWith(".md"))
          .sorted()
          .forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int run = 0;
    for (String file : files) {
      Found found = DocCommands.read(ROOT, file);
      found.skipped().forEach(skip -> assertThat(skip.reason()).as(skip.toString()).isNotBlank());
      for (Command command : found.commands()) {
        Elsewhere elsewhere = elsewhere(command);
        if (elsewhere != null) {
          assertThat(elsewhere.why()).isNotBlank();
          assertThat(testClass(elsewhere.test())).as(command + " is run by").isNotNull();
          continue;
        }
        for (String alternative : alternatives(command.text())) {
          check(command, alternative);
          run++;
        }
      }
    }
    assertThat(run).as("commands run").isGreaterThan(40);
  }

  private void check(Command command, String text) {
    String script = substitute(text);
    if (script.contains("/api/v1/events")) {
      stream(command, script);
      return;
    }
    if (script.contains("/api/v1/claims") && script.contains("\"email\"")) {
      // The claim of docs/http-api.md takes from email: put a job there, as a producer would.
      server.api().postJson("/api/v1/jobs", "{\"queue\":\"email\",\"kind\":\"send\"}");
    }
    Result result = shell(script, COMMAND_TIMEOUT);
    Matcher stateDependent = STATE_DEPENDENT.matcher(script);
    if (stateDependent.find() && result.exitCode() == 1) {
      // Whether a job or run may still be cancelled, retried or deleted depends on how far it got;
      // the refusal, in its documented form, is then the answer.
      String what = stateDependent.group(1).equals("jobs") ? "job " : "run ";
      assertThat(result.err()).as(command.toString()).startsWith("drover: 409 Conflict: " + what);
      assertThat(result.err().lines()).as(command.toString()).hasSize(1);
      return;
    }
    assertThat(result.exitCode())
        .as("%s%nexit status; stdout:%n%s%nstderr:%n%s", command, result.out(), result.err())
        .isZero();
    OutputShape.of(command.shownOutput()).check(command.toString(), result.out(), result.err());
    if (ASSIGNMENTS.matcher(text).matches()) {
      append(script);
    }
    remember(result.out());
  }

  /**
   * The events stream runs until the client leaves: read it until a job of the queue has gone
   * through, then hang up.
   */
  private void stream(Command command, String script) {
    server.api().send("POST", "/api/v1/queues/demo/resume", null, null);
    Process process = start(script);
    StringBuilder out = new StringBuilder();
    Thread reader = Thread.ofVirtual().start(() -> read(process.getInputStream(), out));
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> contains(out, ": subscribed"));
      server
          .api()
          .postJson(
              "/api/v1/jobs", "{\"queue\":\"demo\",\"kind\":\"sleep\",\"payload\":{\"ms\":10}}");
      await()
          .atMost(Duration.ofSeconds(10))
          .alias("the stream shows a job completed")
          .until(() -> contains(out, "event: completed"));
    } finally {
      process.destroy();
      reader.interrupt();
    }
    synchronized (out) {
      OutputShape.of(command.shownOutput()).check(command.toString(), out.toString(), "");
    }
  }

  private static boolean contains(StringBuilder out, String text) {
    synchronized (out) {
      return out.indexOf(text) >= 0;
    }
  }

  private static void read(InputStream in, StringBuilder out) {
    byte[] buffer = new byte[4096];
    try {
      for (int n; (n = in.read(buffer)) > 0; ) {
        synchronized (out) {
          out.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      // the process was stopped
    }
  }

  /** The command with this run's port, the last job id and lease token the docs mean. */
  private String substitute(String text) {
    String port = server.api().baseUrl().replaceAll(".*:", "");
    String script =
        text.replace("localhost:8080", "localhost:" + port)
            .replace("127.0.0.1:8080", "127.0.0.1:" + port);
    if (lastId != null) {
      script = script.replace("019a…", lastId);
    }
    if (lastLeaseToken != null) {
      script = LEASE_TOKEN.matcher(script).replaceAll("\"lease_token\":" + lastLeaseToken);
    }
    return script;
  }

  /** "The id from above": the first job id a command printed, and the claim's lease token. */
  private void remember(String out) {
    Matcher id = UUID.matcher(out);
    if (id.find()) {
      lastId = id.group();
    }
    Matcher token = LEASE_TOKEN.matcher(out);
    if (token.find()) {
      lastLeaseToken = token.group(1);
    }
  }

  /** {@code jobs show|cancel|retry|delete ID} is four commands. */
  private static List<String> alternatives(String text) {
    Matcher choice = Pattern.compile("(?<= )([a-z]+(?:\\|[a-z]+)+)(?= )").matcher(text);
    if (!text.startsWith("./drover ") || !choice.find()) {
      return List.of(text);
    }
    List<String> commands = new ArrayList<>();
    for (String word : choice.group(1).split("\\|")) {
      commands.add(text.substring(0, choice.start()) + word + text.substring(choice.end()));
    }
    return commands;
  }

  private static Elsewhere elsewhere(Command command) {
    return ELSEWHERE.stream()
        .filter(rule -> rule.pattern().matcher(command.text()).find())
        .findFirst()
        .orElse(null);
  }

  private void append(String assignments) {
    try {
      Files.writeString(shell.resolve("state.sh"), assignments + "\n", StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Process start(String script) {
    try {
      return process(script).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** bash running {@code script} in the reader's directory, after the variables set so far. */
  private ProcessBuilder process(String script) {
    String id = lastId == null ? "" : "ID=" + lastId + "\n";
    ProcessBuilder builder =
        new ProcessBuilder("bash", "-c", ". ./state.sh\n" + id + script).directory(shell.toFile());
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv("PATH"));
    builder.environment().put("DROVER_SERVER", server.api().baseUrl());
    return builder;
  }

  private Result shell(String script, Duration timeout) {
    try {
      Path out = Files.createTempFile(work, "cmd", ".out");
      Path err = Files.createTempFile(work, "cmd", ".err");
      ProcessBuilder builder =
          process(script).redirectOutput(out.toFile()).redirectError(err.toFile());
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(script + ": still running after " + timeout);
      }
      return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private record Result(int exitCode, String out, String err) {}

  private static Class<?> testClass(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  /** A command another test runs: the test (a class name), and what it shows. */
  private record Elsewhere(Pattern pattern, String test, String why) {
    Elsewhere(String regex, String test, String why) {
      this(Pattern.compile(regex), test, why);
    }
  }
}
