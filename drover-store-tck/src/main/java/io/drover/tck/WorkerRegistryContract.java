package io.drover.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.store.WorkerHeartbeat;
import io.drover.store.WorkerInfo;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worker registry: who is running, what they serve, and when they last reported. */
abstract class WorkerRegistryContract extends ContractArea {
  WorkerRegistryContract(JobStoreContract suite) {
    super(suite);
  }

  @Test
  void registerWorker_thenListedAsGiven() {
    WorkerInfo worker = Specs.worker("w-1", now());

    store().registerWorker(worker);

    assertThat(store().workers()).containsExactly(worker);
  }

  @Test
  void registerWorker_sameIdAgain_replacesIt() {
    store().registerWorker(Specs.worker("w-1", now()));
    advance(Duration.ofMinutes(1));
    WorkerInfo restarted = new WorkerInfo("w-1", "host-b", List.of("mail"), 4, 0, now(), now());

    store().registerWorker(restarted);

    assertThat(store().workers()).containsExactly(restarted);
  }

  @Test
  void heartbeatWorker_recordsRunningAndTime() {
    WorkerInfo worker = Specs.worker("w-1", now());
    store().registerWorker(worker);
    advance(Duration.ofSeconds(10));

    store().heartbeatWorker(new WorkerHeartbeat("w-1", 4));

    assertThat(store().workers())
        .containsExactly(
            new WorkerInfo(
                "w-1",
                worker.host(),
                worker.queues(),
                worker.concurrency(),
                4,
                worker.startedAt(),
                now()));
  }

  @Test
  void heartbeatWorker_unregistered_isIgnored() {
    store().heartbeatWorker(new WorkerHeartbeat("ghost", 1));

    assertThat(store().workers()).isEmpty();
  }

  @Test
  void removeWorker_removesIt_andTwiceIsHarmless() {
    store().registerWorker(Specs.worker("w-1", now()));
    store().registerWorker(Specs.worker("w-2", now()));

    store().removeWorker("w-1");
    store().removeWorker("w-1");

    assertThat(store().workers()).extracting(WorkerInfo::id).containsExactly("w-2");
  }

  @Test
  void workers_areSortedById() {
    for (String id : List.of("w-b", "w-c", "w-a")) {
      store().registerWorker(Specs.worker(id, now()));
    }

    assertThat(store().workers()).extracting(WorkerInfo::id).containsExactly("w-a", "w-b", "w-c");
  }
}
