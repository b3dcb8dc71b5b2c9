package io.drover.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.InvalidJobException;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.tck.Specs;
import io.drover.time.SettableClock;
import io.drover.workflow.RunCreated;
import io.drover.workflow.RunQuery;
import io.drover.workflow.RunSpec;
import io.drover.workflow.StepSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs larger than one staging chunk ({@link RedisWorkflows#CHUNK}): refused whole when a later
 * chunk's step id is taken, and finished by a create retried after a crash left them half staged,
 * unseen meanwhile.
 */
class RedisRunCreationTest {
  private static final int STEPS = RedisWorkflows.CHUNK + 500;

  private final String prefix = RedisTestServer.newPrefix();
  private final SettableClock clock = new SettableClock(Instant.parse("2031-05-04T10:00:00Z"));
  private RedisConfig config;
  private RedisJobStore store;

  @BeforeEach
  void connect() {
    RedisTestServer.require();
    config = RedisConfig.builder(RedisTestServer.URL).keyPrefix(prefix).clock(clock).build();
    store = RedisJobStore.connect(config);
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
      RedisTestServer.deleteKeys(prefix);
    }
  }

  @Test
  void aTakenIdInALaterChunk_refusesTheRun_andLeavesNothingOfIt() {
    UUID taken = store.enqueue(List.of(Specs.spec("other"))).get(0).id();
    RunSpec spec = wideRun(taken);

    assertThatThrownBy(() -> store.workflows().createRun(spec))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("last");

    assertThat(store.workflows().run(spec.id())).isEmpty();
    assertThat(store.get(spec.steps().get(0).job().id())).isEmpty();
    assertThat(store.stats()).extracting(stats -> stats.queue()).containsExactly("other");
    RunSpec again = wideRun(UUID.randomUUID());
    assertThat(store.workflows().createRun(again).created()).isTrue();
  }

  @Test
  void aCreateCutOffAfterItsFirstChunk_isSeenByNoOne_andARetryFinishesIt() {
    RunSpec spec = wideRun(UUID.randomUUID());
    stageFirstChunkOnly(spec);

    assertThat(store.workflows().run(spec.id())).isEmpty();
    assertThat(store.workflows().head(spec.id())).isEmpty();
    assertThat(store.workflows().runs(RunQuery.all()).runs()).isEmpty();
    assertThat(store.stats()).isEmpty();

    assertThat(store.workflows().createRun(spec)).isEqualTo(new RunCreated(spec.id(), true));

    var run = store.workflows().run(spec.id()).orElseThrow();
    assertThat(run.steps()).hasSize(STEPS);
    assertThat(run.counts()).isEqualTo(Map.of(JobState.WAITING, STEPS - 1, JobState.BLOCKED, 1));
    assertThat(store.stats().get(0).count(JobState.WAITING)).isEqualTo(STEPS - 1);
  }

  /** Steps s0…, then one named last that waits on them all, with the given job id. */
  private static RunSpec wideRun(UUID lastId) {
    RunSpec.Builder plan = RunSpec.builder("wide");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < STEPS - 1; i++) {
      names.add("s" + i);
      plan.step(StepSpec.of("s" + i, JobSpec.builder("wide", "k").build()));
    }
    return plan.step(
            StepSpec.of("last", JobSpec.builder("wide", "k").id(lastId).build()).dependsOn(names))
        .build();
  }

  /** What a create that died after its first call left: that chunk staged, the run not open. */
  private void stageFirstChunkOnly(RunSpec spec) {
    Keys keys = new Keys(prefix);
    long now = clock.millis();
    List<String> args = keys.runArgs(now);
    args.addAll(List.of(spec.id().toString(), spec.name(), spec.input(), "10000"));
    spec.steps()
        .subList(0, RedisWorkflows.CHUNK)
        .forEach(step -> StepHash.addArgs(args, step, now));
    try (RedisLink link = RedisLink.open(config)) {
      Batch batch = link.batch("stage (test)");
      Reply<List<Object>> staged = batch.list(LuaScript.RUN_STAGE, List.of(), args);
      batch.execute();
      assertThat(staged.get()).containsExactly("staged");
    }
  }
}
