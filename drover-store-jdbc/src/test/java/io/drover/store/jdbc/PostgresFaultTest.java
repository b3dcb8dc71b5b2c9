package io.drover.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.Job;
import io.drover.JobState;
import io.drover.store.JobStore;
import io.drover.tck.Specs;
import io.drover.tck.faults.FaultDrain;
import io.drover.tck.faults.ThrowawayPostgres;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fault suite on PostgreSQL: a server of the test's own is stopped and crashed under a drain.
 * docs/reliability.md states what each test shows.
 */
class PostgresFaultTest {
  private ThrowawayPostgres server;
  private JobStore store;

  @BeforeEach
  void startServer() throws Exception {
    server = ThrowawayPostgres.start();
    store =
        PostgresJobStore.open(
            PostgresConfig.builder(server.jdbcUrl())
                .poolSize(4)
                .clock(InstantSource.system())
                .build());
  }

  @AfterEach
  void stopServer() throws Exception {
    if (store != null) {
      store.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void outageOf30sMidDrain_noFinishedJobRunsAgain() throws Exception {
    int reran =
        FaultDrain.drainThrough(
            store,
            Duration.ofSeconds(60),
            "postgres stopped 30 s",
            () -> {
              server.stop();
              Thread.sleep(Duration.ofSeconds(30)); // the outage itself: real time, store gone
              server.startAgain();
            });

    assertThat(reran).as("jobs run twice").isZero();
  }

  @Test
  void crashMidDrain_everyRunIsAClaimTheStoreKept() throws Exception {
    FaultDrain.drainThrough(
        store,
        Duration.ofSeconds(10),
        "postgres crashed",
        () -> {
          server.crash();
          server.startAgain();
        });
  }

  @Test
  void aClaimAnsweredBeforeACrash_isStillHeldAfterIt() throws Exception {
    store.enqueue(List.of(Specs.spec("crash")));
    Job claimed = store.claim(Specs.claim(Specs.WORKER, 1, "crash")).get(0);

    server.crash();
    server.startAgain();

    Job after =
        await()
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(() -> store.get(claimed.id()).orElseThrow(), job -> true);
    assertThat(after.state()).isEqualTo(JobState.ACTIVE);
    assertThat(after.leaseToken()).isEqualTo(claimed.leaseToken());
    assertThat(after.attempt()).isEqualTo(1);
  }
}
