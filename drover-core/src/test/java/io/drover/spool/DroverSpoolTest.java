package io.drover.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.Drover;
import io.drover.JobSpec;
import io.drover.store.Enqueued;
import io.drover.store.memory.MemoryJobStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding facade spools through an outage when given a spool. */
class DroverSpoolTest {
  @TempDir Path dir;

  @Test
  void enqueue_whileStoreDown_isSpooled_andLandsWhenItAnswers() {
    MemoryJobStore memory = new MemoryJobStore(InstantSource.system());
    SpoolingEnqueuerTest.FlakyStore store = new SpoolingEnqueuerTest.FlakyStore(memory);
    try (Drover drover =
        Drover.builder()
            .store(store)
            .workers(false)
            .maintenance(false)
            .spool(SpoolConfig.at(dir))
            .build()) {
      store.down = true;
      JobSpec spec = JobSpec.builder("mail", "email.send").build();

      assertThat(drover.enqueue(spec)).isEqualTo(Enqueued.spooled(spec.id()));
      assertThat(drover.spool().orElseThrow().stats().depth()).isEqualTo(1);

      store.down = false;
      await().atMost(Duration.ofSeconds(15)).until(() -> drover.get(spec.id()).isPresent());
      assertThat(drover.enqueue(JobSpec.builder("mail", "email.send").build()).spooled()).isFalse();
    }
  }
}
