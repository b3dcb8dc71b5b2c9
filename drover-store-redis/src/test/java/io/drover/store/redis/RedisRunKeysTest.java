package io.drover.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.Job;
import io.drover.JobSpec;
import io.drover.store.CleanupRequest;
import io.drover.store.Completion;
import io.drover.tck.Specs;
import io.drover.time.SettableClock;
import io.drover.workflow.RunQuery;
import io.drover.workflow.RunSpec;
import io.drover.workflow.SignalOutcome;
import io.drover.workflow.StepSpec;
import io.drover.workflow.StepWait;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the contract cannot see from outside: a run removed, or a wait ended, leaves no key of its
 * own and no entry in the store-wide indexes behind.
 */
class RedisRunKeysTest {
  private final String prefix = RedisTestServer.newPrefix();
  private final SettableClock clock = new SettableClock(Instant.parse("2031-05-04T10:00:00Z"));
  private RedisJobStore store;

  @BeforeEach
  void connect() {
    RedisTestServer.require();
    store =
        RedisJobStore.connect(
            RedisConfig.builder(RedisTestServer.URL).keyPrefix(prefix).clock(clock).build());
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
      RedisTestServer.deleteKeys(prefix);
    }
  }

  @Test
  void deleteRun_leavesNoKeyOfTheRun_andNoStepInAnyIndex() {
    RunSpec spec = approvalRun();
    store.workflows().createRun(spec);
    complete("runkeys.draft");
    assertThat(store.workflows().signal(spec.id(), "approval", "true"))
        .isEqualTo(SignalOutcome.DELIVERED);
    complete("runkeys.publish");

    assertThat(store.workflows().deleteRun(spec.id())).isTrue();

    assertNothingLeftOf(spec.id());
  }

  @Test
  void retention_leavesNoKeyOfTheRun_andNoStepInAnyIndex() {
    RunSpec spec = approvalRun();
    store.workflows().createRun(spec);
    complete("runkeys.draft");
    assertThat(store.workflows().cancelRun(spec.id())).isTrue();
    clock.advance(Duration.ofDays(8));

    assertThat(
            store.cleanup(
                new CleanupRequest(
                    Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(7), 100)))
        .isEqualTo(3);

    assertNothingLeftOf(spec.id());
  }

  @Test
  void cancelRun_takesAnArmedWaitOffTheClock() {
    RunSpec spec = approvalRun();
    store.workflows().createRun(spec);
    complete("runkeys.draft");
    RedisTestServer.withRedis(
        redis -> assertThat(redis.zcard("{" + prefix + "}:waits")).isEqualTo(1));

    store.workflows().cancelRun(spec.id());

    RedisTestServer.withRedis(redis -> assertThat(redis.zcard("{" + prefix + "}:waits")).isZero());
  }

  private static RunSpec approvalRun() {
    return RunSpec.builder("approval")
        .step(StepSpec.of("draft", JobSpec.builder("runkeys.draft", "draft").build()))
        .step(
            StepSpec.waiting("approve", new StepWait.Signal("approval", Duration.ofHours(1), null))
                .dependsOn("draft"))
        .step(
            StepSpec.of("publish", JobSpec.builder("runkeys.publish", "publish").build())
                .dependsOn("approve"))
        .build();
  }

  private void complete(String queue) {
    List<Job> claimed = store.claim(Specs.claim(Specs.WORKER, 1, queue));
    assertThat(claimed).hasSize(1);
    store.complete(List.of(new Completion(claimed.get(0).lease(), null)));
  }

  private void assertNothingLeftOf(UUID runId) {
    RedisTestServer.withRedis(
        redis -> {
          assertThat(RedisTestServer.keys(redis, "{" + prefix + ":run/" + runId + "}*")).isEmpty();
          assertThat(RedisTestServer.keys(redis, "{" + prefix + ":runkeys.*}:job:*")).isEmpty();
          assertThat(redis.zcard("{" + prefix + "}:runs")).isZero();
          assertThat(redis.zcard("{" + prefix + "}:waits")).isZero();
          for (String state : List.of("completed", "failed", "cancelled")) {
            assertThat(redis.zcard("{" + prefix + "}:runs-settled:" + state)).isZero();
          }
          assertThat(redis.hlen("{" + prefix + "}:job-queues")).isZero();
          assertThat(redis.zcard("{" + prefix + "}:jobs")).isZero();
        });
    assertThat(store.stats()).isEmpty();
    assertThat(store.workflows().runs(RunQuery.all()).runs()).isEmpty();
  }
}
