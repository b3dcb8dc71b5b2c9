package io.drover.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.store.JobStore;
import io.drover.store.WorkerHeartbeat;
import io.drover.store.WorkerInfo;
import io.drover.store.memory.MemoryJobStore;
import io.drover.time.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerPrunerTest {
  private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

  private final SettableClock clock = new SettableClock(START);
  private final JobStore store = new MemoryJobStore(clock);

  @Test
  void pruneAll_removesWorkersSilentForMoreThanTenBeats_andKeepsStaleButRecentOnes() {
    WorkerPruner pruner = pruner(Duration.ofMinutes(1));
    register("dead", START.minus(Duration.ofMinutes(11)));
    register("quiet", START.minus(Duration.ofMinutes(9)));
    register("live", START);

    List<String> removed = pruner.pruneAll();

    assertThat(removed).containsExactly("dead");
    assertThat(ids()).containsExactly("live", "quiet");
  }

  @Test
  void pruneAll_withAShortHeartbeat_stillAllowsFiveMinutesOfSilence() {
    WorkerPruner pruner = pruner(Duration.ofSeconds(1));
    register("paused", START.minus(Duration.ofMinutes(4)));
    register("gone", START.minus(Duration.ofMinutes(6)));

    pruner.pruneAll();

    assertThat(ids()).containsExactly("paused");
  }

  @Test
  void pruneAll_keepsAWorkerThatBeatAgain_andRemovesItOnceItFallsSilent() {
    WorkerPruner pruner = pruner(Duration.ofSeconds(20));
    register("w1", START);
    clock.advance(Duration.ofMinutes(4));
    store.heartbeatWorker(new WorkerHeartbeat("w1", 2));
    clock.advance(Duration.ofMinutes(4));

    assertThat(pruner.pruneAll()).isEmpty();
    assertThat(ids()).containsExactly("w1");

    clock.advance(Duration.ofMinutes(2));

    assertThat(pruner.pruneAll()).containsExactly("w1");
    assertThat(store.workers()).isEmpty();
  }

  @Test
  void silenceAllowed_isTenBeats_butNeverUnderFiveMinutes() {
    assertThat(WorkerPruner.silenceAllowed(Duration.ofMinutes(1)))
        .isEqualTo(Duration.ofMinutes(10));
    assertThat(WorkerPruner.silenceAllowed(Duration.ofSeconds(20)))
        .isEqualTo(Duration.ofMinutes(5));
  }

  private WorkerPruner pruner(Duration heartbeatInterval) {
    return new WorkerPruner(store, clock, heartbeatInterval, WorkerPruner.DEFAULT_INTERVAL);
  }

  private void register(String id, Instant lastHeartbeat) {
    store.registerWorker(
        new WorkerInfo(id, "host-a", List.of("*"), 4, 0, lastHeartbeat, lastHeartbeat));
  }

  private List<String> ids() {
    return store.workers().stream().map(WorkerInfo::id).toList();
  }
}
