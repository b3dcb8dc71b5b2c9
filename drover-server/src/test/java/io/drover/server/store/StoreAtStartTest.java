package io.drover.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.StoreFailureException;
import io.drover.StoreUnavailableException;
import io.drover.store.JobStore;
import io.drover.store.memory.MemoryJobStore;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StoreAtStartTest {
  private final AtomicInteger tries = new AtomicInteger();
  private final AtomicInteger waits = new AtomicInteger();

  @Test
  void unavailableStore_isWaitedFor_andTheStoreReturnedWhenItAnswers() throws Exception {
    JobStore up = new MemoryJobStore(InstantSource.system());

    JobStore opened =
        StoreAtStart.open(
            () -> {
              if (tries.incrementAndGet() < 3) {
                throw new StoreUnavailableException("cannot open postgres store: refused", null);
              }
              return up;
            },
            InstantSource.system(),
            waits::incrementAndGet);

    assertThat(opened).isSameAs(up);
    assertThat(tries).hasValue(3);
    assertThat(waits).as("the waiting hook runs once, at the first failure").hasValue(1);
  }

  @Test
  void refusingStore_endsTheStart_withoutWaiting() {
    assertThatThrownBy(
            () ->
                StoreAtStart.open(
                    () -> {
                      tries.incrementAndGet();
                      throw new StoreFailureException("password authentication failed", null);
                    },
                    InstantSource.system(),
                    waits::incrementAndGet))
        .isInstanceOf(StoreFailureException.class);
    assertThat(tries).hasValue(1);
    assertThat(waits).hasValue(0);
  }
}
