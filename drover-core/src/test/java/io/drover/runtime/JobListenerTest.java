package io.drover.runtime;

import static io.drover.runtime.PoolFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.drover.Job;
import io.drover.JobState;
import io.drover.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobListenerTest {
  private final PoolFixture fixture = new PoolFixture();
  private final List<String> heard = new CopyOnWriteArrayList<>();

  /** Writes each call as {@code event:attempt}, with a sanity check on the duration. */
  private final JobListener recorder =
      new JobListener() {
        @Override
        public void onStarted(Job job) {
          heard.add("started:" + job.attempt());
        }

        @Override
        public void onCompleted(Job job, Duration duration) {
          heard.add("completed:" + job.attempt() + durationCheck(duration));
        }

        @Override
        public void onRetrying(Job job, Duration duration) {
          heard.add("retrying:" + job.attempt() + durationCheck(duration));
        }

        @Override
        public void onFailed(Job job, Duration duration) {
          heard.add("failed:" + job.attempt() + durationCheck(duration));
        }
      };

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void aRetriedThenCompletedJob_isHeardAttemptByAttempt() {
    AtomicInteger attempts = new AtomicInteger();
    fixture.handler(
        "flaky",
        ctx -> {
          if (attempts.incrementAndGet() == 1) {
            throw new IllegalStateException("first try fails");
          }
          return Outcome.complete();
        });
    fixture.listener(recorder).start();

    UUID id = fixture.enqueue(spec("flaky").maxAttempts(3).build());
    fixture.awaitState(id, JobState.COMPLETED);

    assertThat(heard).containsExactly("started:1", "retrying:1", "started:2", "completed:2");
  }

  @Test
  void aPermanentFailureAndATimeout_areHeardAsFailed() {
    fixture.handler("bad", ctx -> Outcome.fail("bad input"));
    fixture.handler(
        "slow",
        ctx -> {
          Thread.sleep(Duration.ofMinutes(1));
          return Outcome.complete();
        });
    fixture.listener(recorder).start();

    UUID bad = fixture.enqueue(spec("bad").maxAttempts(3).build());
    fixture.awaitState(bad, JobState.FAILED);
    UUID slow = fixture.enqueue(spec("slow").maxAttempts(1).timeout(Duration.ofMillis(50)).build());
    fixture.awaitState(slow, JobState.FAILED);

    assertThat(heard).containsExactly("started:1", "failed:1", "started:1", "failed:1");
  }

  @Test
  void aListenerThatThrows_doesNotKeepTheOutcomeFromTheStore() {
    fixture.handler("ok", ctx -> Outcome.complete("{\"ok\":true}"));
    fixture
        .listener(
            new JobListener() {
              @Override
              public void onStarted(Job job) {
                throw new IllegalStateException("broken listener");
              }

              @Override
              public void onCompleted(Job job, Duration duration) {
                throw new IllegalStateException("broken listener");
              }
            })
        .start();

    UUID id = fixture.enqueue(spec("ok").build());

    assertThat(fixture.awaitState(id, JobState.COMPLETED).result()).isEqualTo("{\"ok\":true}");
  }

  private static String durationCheck(Duration duration) {
    return duration.isNegative() || duration.compareTo(PoolFixture.WAIT) > 0
        ? " (bad duration)"
        : "";
  }
}
