package io.drover.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.JobState;
import io.drover.server.Cli;
import io.drover.server.Cli.Run;
import io.drover.workflow.RunQuery;
import io.drover.workflow.RunState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drover runs …} against a running server whose workers are off, so steps stay put. */
class RunsCliTest extends ServerCliTest {
  private static final String PLAN_YAML =
      """
      name: report
      input: {goal: weekly}
      steps:
        - {name: fetch, queue: scrape, kind: noop}
        - {name: approve, signal: approval, timeout: 1h}
        - name: summarize
          queue: llm
          kind: noop
          depends_on: [fetch, approve]
        - {name: notify, kind: noop, depends_on: [summarize], run_on: finished, optional: true}
      """;

  @TempDir Path dir;

  @Test
  void createFromYaml_show_printsEveryStepWithItsStateAttemptAndParents() throws IOException {
    Run create = Cli.run(env, "runs", "create", "--file", file("plan.yaml", PLAN_YAML));
    String id = created(create);

    Run show = Cli.run(env, "runs", "show", id);

    assertThat(show.exitCode()).as(show.err()).isZero();
    List<String> lines = show.out().lines().toList();
    assertThat(lines).hasSize(6);
    assertThat(lines.get(0)).isEqualTo("run " + id + " (report) is running");
    assertThat(lines.get(1).split("\\s+"))
        .containsExactly("STEP", "STATE", "ATTEMPT", "RUNS", "AFTER");
    assertThat(lines.get(2)).matches("fetch\\s+waiting\\s+0/3\\s+noop");
    assertThat(lines.get(3)).matches("approve\\s+blocked\\s+-\\s+signal approval \\(timeout 1h\\)");
    assertThat(lines.get(4)).matches("summarize\\s+blocked\\s+0/3\\s+noop\\s+<- fetch, approve");
    assertThat(lines.get(5))
        .matches(
            "notify \\(optional\\)\\s+blocked\\s+0/3\\s+noop\\s+<- summarize \\(run_on"
                + " finished\\)");
    Run json = Cli.run(env, "runs", "show", id, "--json");
    assertThat(json.out()).contains("\"steps\" : [", "\"goal\" : \"weekly\"");
  }

  @Test
  void cancelRetrySignalDelete_actOnTheWholeRun_andLsListsIt() throws IOException {
    String id = created(Cli.run(env, "runs", "create", "--file", file("plan.yaml", PLAN_YAML)));
    Run deleteRunning = Cli.run(env, "runs", "delete", id);

    Run cancel = Cli.run(env, "runs", "cancel", id);
    Run retry = Cli.run(env, "runs", "retry", id);
    Run signal = Cli.run(env, "runs", "signal", id, "approval", "--data", "{\"by\":\"ana\"}");
    Run ls = Cli.run(env, "runs", "ls", "--state", "running", "--name", "report");

    assertThat(deleteRunning.exitCode()).isEqualTo(1);
    assertThat(deleteRunning.err().lines())
        .singleElement()
        .asString()
        .startsWith("drover: 409 Conflict: run " + id);
    assertThat(cancel.out().trim()).isEqualTo("run " + id + " is cancelled");
    assertThat(retry.out().trim()).isEqualTo("run " + id + " is running");
    assertThat(signal.out().trim()).isEqualTo("signal approval delivered to run " + id);
    var run = server.store().workflows().run(UUID.fromString(id)).orElseThrow();
    assertThat(run.steps().get(1).job().state()).isEqualTo(JobState.COMPLETED);
    assertThat(run.steps().get(1).job().result()).isEqualTo("{\"by\":\"ana\"}");
    assertThat(ls.out().lines().toList())
        .hasSize(2)
        .satisfies(
            rows -> {
              assertThat(rows.get(0).split("\\s+"))
                  .containsExactly("ID", "NAME", "STATE", "STEPS", "DONE", "CREATED", "FINISHED");
              assertThat(rows.get(1)).matches(id + "\\s+report\\s+running\\s+4\\s+1\\s+\\S+\\s+-");
            });

    Cli.run(env, "runs", "cancel", id);
    Run delete = Cli.run(env, "runs", "delete", id);

    assertThat(delete.out().trim()).isEqualTo("run " + id + " deleted");
    assertThat(server.store().workflows().run(UUID.fromString(id))).isEmpty();
  }

  @Test
  void createFromJson_withAnIdempotencyKey_makesOneRun_andLsPages() throws IOException {
    String plan = file("plan.json", "{\"name\":\"nightly\",\"steps\":[]}");

    Run first = Cli.run(env, "runs", "create", "--file", plan, "--idempotency-key", "n-1");
    Run again = Cli.run(env, "runs", "create", "--file", plan, "--idempotency-key", "n-1");
    Cli.run(env, "runs", "create", "--file", plan);
    Run page = Cli.run(env, "runs", "ls", "--limit", "1", "--state", "completed");

    String id = created(first);
    assertThat(again.out().trim())
        .isEqualTo("run " + id + " exists already (same id or idempotency key)");
    assertThat(server.store().workflows().run(UUID.fromString(id)).orElseThrow().state())
        .isEqualTo(RunState.COMPLETED);
    assertThat(page.out()).containsPattern("more: --cursor [0-9a-f-]{36}");
  }

  @Test
  void errors_areOneLineNamingWhatIsWrong_andNothingIsMade() throws IOException {
    Run badStep =
        Cli.run(
            env,
            "runs",
            "create",
            "--file",
            file("bad.yaml", "name: p\nsteps:\n  - {name: a, kind: noop, depends_on: [b]}\n"));
    Run notYaml = Cli.run(env, "runs", "create", "--file", file("broken.yaml", "name: [p\n"));
    Run twice =
        Cli.run(
            env, "runs", "create", "--file", file("twice.json", "{\"name\":\"a\",\"name\":\"b\"}"));
    Run empty = Cli.run(env, "runs", "create", "--file", file("empty.yaml", ""));
    Run missing = Cli.run(env, "runs", "create", "--file", dir.resolve("none.json").toString());
    Run badData =
        Cli.run(env, "runs", "signal", UUID.randomUUID().toString(), "approval", "--data", "{x");
    Run unknown = Cli.run(env, "runs", "show", "019a0000-0000-7000-8000-000000000000");
    Run noFile = Cli.run(env, "runs", "create");

    for (Run run : List.of(badStep, notYaml, twice, empty, missing, badData, unknown)) {
      assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
      assertThat(run.err().lines()).singleElement().asString().startsWith("drover: ");
      assertThat(run.out()).isEmpty();
    }
    assertThat(badStep.err()).contains("(field steps.a.depends_on)");
    assertThat(notYaml.err()).contains("broken.yaml does not parse: ").contains("(line ");
    assertThat(twice.err()).contains("does not parse: ").contains("name");
    assertThat(empty.err()).contains("empty.yaml is empty");
    assertThat(missing.err()).contains("cannot read ");
    assertThat(badData.err()).contains("--data is not JSON");
    assertThat(unknown.err()).contains("404 Not Found");
    assertThat(noFile.exitCode()).isEqualTo(2);
    assertThat(server.store().workflows().runs(RunQuery.all()).runs()).isEmpty();
  }

  private String file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text).toString();
  }

  private static String created(Run run) {
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("run ").endsWith(" created\n");
    return run.out().substring("run ".length(), run.out().length() - " created\n".length());
  }
}
