package io.drover.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.Backoff;
import io.drover.InvalidJobException;
import io.drover.Job;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.store.Enqueued;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Enqueue and get: what goes in comes back, byte for byte, once. */
abstract class EnqueueContract extends ContractArea {
  EnqueueContract(JobStoreContract suite) {
    super(suite);
  }

  @Test
  void enqueue_thenGet_returnsEveryFieldOfTheSpec() {
    JobSpec spec =
        Specs.job("mail")
            .payload("{\"to\":\"a@example.com\"}")
            .priority(7)
            .maxAttempts(4)
            .backoff(new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(20)))
            .timeout(Duration.ofSeconds(90))
            .dedupKey("welcome-a")
            .rateKey("example.com")
            .tags(List.of("signup", "email"))
            .build();

    enqueue(spec);
    Job job = job(spec.id());

    assertThat(job.id()).isEqualTo(spec.id());
    assertThat(job.queue()).isEqualTo("mail");
    assertThat(job.kind()).isEqualTo(Specs.KIND);
    assertThat(job.payload()).isEqualTo("{\"to\":\"a@example.com\"}");
    assertThat(job.priority()).isEqualTo(7);
    assertThat(job.maxAttempts()).isEqualTo(4);
    assertThat(job.backoff()).isEqualTo(spec.backoff());
    assertThat(job.timeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(job.dedupKey()).isEqualTo("welcome-a");
    assertThat(job.rateKey()).isEqualTo("example.com");
    assertThat(job.tags()).containsExactly("signup", "email");
    assertThat(job.runId()).isNull();
    assertThat(job.dependsOn()).isEmpty();
  }

  @Test
  void enqueue_newJob_startsWaitingWithNoOutcome() {
    UUID id = enqueue(Specs.spec("mail"));

    Job job = job(id);
    assertThat(job.state()).isEqualTo(JobState.WAITING);
    assertThat(job.attempt()).isZero();
    assertThat(job.runAt()).isEqualTo(now());
    assertThat(job.createdAt()).isEqualTo(now());
    assertThat(job.progress()).isNull();
    assertThat(job.result()).isNull();
    assertThat(job.errors()).isEmpty();
    assertThat(job.leaseExpiresAt()).isNull();
    assertThat(job.startedAt()).isNull();
    assertThat(job.finishedAt()).isNull();
  }

  @Test
  void enqueue_keepsPayloadByteForByte() {
    // Spacing, key order, escapes and number spelling must survive: the store keeps text, not JSON.
    String payload =
        "{ \"text\" : \"héllo wörld, 世界, 🚀🧪 and \\u00e9\\n\",  \"n\": 2.50, \"z\":null,\"a\":[] }";

    UUID id = enqueue(Specs.job("mail").payload(payload).build());

    assertThat(job(id).payload().getBytes(StandardCharsets.UTF_8))
        .isEqualTo(payload.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void enqueue_keepsAOneMebibytePayload() {
    String payload = "\"" + "é".repeat(256 * 1024) + "x".repeat(512 * 1024 - 2) + "\"";
    assertThat(payload.getBytes(StandardCharsets.UTF_8)).hasSize(JobSpec.DEFAULT_MAX_PAYLOAD_BYTES);

    UUID id = enqueue(Specs.job("bulk").payload(payload).build());

    assertThat(job(id).payload()).isEqualTo(payload);
  }

  @Test
  void enqueue_futureRunAt_startsScheduled() {
    Instant later = now().plus(Duration.ofMinutes(5));

    UUID id = enqueue(Specs.job("mail").runAt(later).build());

    assertThat(job(id).state()).isEqualTo(JobState.SCHEDULED);
    assertThat(job(id).runAt()).isEqualTo(later);
  }

  @Test
  void enqueue_pastRunAt_startsWaitingAndKeepsRunAt() {
    Instant earlier = now().minus(Duration.ofMinutes(5));

    UUID id = enqueue(Specs.job("mail").runAt(earlier).build());

    assertThat(job(id).state()).isEqualTo(JobState.WAITING);
    assertThat(job(id).runAt()).isEqualTo(earlier);
  }

  @Test
  void enqueue_keepsTimesToTheMillisecond() {
    clock().set(now().plusNanos(123_456_789));
    Instant runAt = now().plus(Duration.ofSeconds(1)).plusNanos(999_999);

    UUID id = enqueue(Specs.job("mail").runAt(runAt).build());

    assertThat(job(id).createdAt()).isEqualTo(now().minusNanos(456_789));
    assertThat(job(id).runAt()).isEqualTo(now().plusSeconds(1).plusMillis(1).minusNanos(456_789));
  }

  @Test
  void enqueue_answersEachSpecInOrder() {
    List<JobSpec> specs = Specs.specs("mail", 3);

    List<Enqueued> answers = store().enqueue(specs);

    assertThat(answers)
        .containsExactly(
            new Enqueued(specs.get(0).id(), true),
            new Enqueued(specs.get(1).id(), true),
            new Enqueued(specs.get(2).id(), true));
  }

  @Test
  void enqueue_sameIdAgain_makesNoSecondJob() {
    JobSpec first = Specs.job("mail").payload("{\"v\":1}").build();
    JobSpec retried = Specs.job("mail").id(first.id()).payload("{\"v\":2}").build();
    enqueue(first);

    List<Enqueued> answers = store().enqueue(List.of(retried, first));

    assertThat(answers)
        .containsExactly(new Enqueued(first.id(), false), new Enqueued(first.id(), false));
    assertThat(job(first.id()).payload()).isEqualTo("{\"v\":1}");
    assertThat(stats("mail").total()).isEqualTo(1);
  }

  @Test
  void enqueue_sameIdTwiceInOneBatch_makesOneJob() {
    JobSpec spec = Specs.spec("mail");

    List<Enqueued> answers = store().enqueue(List.of(spec, spec));

    assertThat(answers)
        .containsExactly(new Enqueued(spec.id(), true), new Enqueued(spec.id(), false));
    assertThat(stats("mail").total()).isEqualTo(1);
  }

  @Test
  void enqueue_tenThousandInOneBatch_createsAllOfThem() {
    List<JobSpec> specs = Specs.specs("bulk", 10_000);

    List<Enqueued> answers = store().enqueue(specs);

    assertThat(answers).hasSize(10_000).allMatch(Enqueued::created);
    assertThat(answers.stream().map(Enqueued::id).toList())
        .isEqualTo(specs.stream().map(JobSpec::id).toList());
    assertThat(stats("bulk").count(JobState.WAITING)).isEqualTo(10_000);
    assertThat(job(specs.get(0).id()).payload()).isEqualTo("{\"n\":0}");
    assertThat(job(specs.get(9_999).id()).payload()).isEqualTo("{\"n\":9999}");
  }

  @Test
  void enqueue_ofAStepOutsideARun_isRefusedNamingTheField_andLeavesNoJob() {
    UUID parent = enqueue(Specs.spec("flow"));
    JobSpec child = Specs.job("flow").dependsOn(List.of(parent)).build();
    JobSpec member = Specs.job("flow").runId(UUID.randomUUID()).build();

    assertThatThrownBy(() -> store().enqueue(List.of(child)))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageStartingWith("depends_on: ");
    assertThatThrownBy(() -> store().enqueue(List.of(member)))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageStartingWith("run_id: ");
    assertThat(store().get(child.id())).isEmpty();
    assertThat(store().get(member.id())).isEmpty();
  }

  @Test
  void get_unknownId_isEmpty() {
    assertThat(store().get(UUID.randomUUID())).isEmpty();
  }
}
