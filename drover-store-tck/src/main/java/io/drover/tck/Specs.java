package io.drover.tck;

import io.drover.Job;
import io.drover.JobError;
import io.drover.JobSpec;
import io.drover.lifecycle.JobFate;
import io.drover.store.ClaimRequest;
import io.drover.store.QueuePattern;
import io.drover.store.ReapRequest;
import io.drover.store.WorkerInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;

/** Fixtures for the contract: specs, claims, failures and workers with plain defaults. */
public final class Specs {
  /** The kind every fixture job has unless a test sets another. */
  public static final String KIND = "test.echo";

  /** The lease every fixture claim asks for. */
  public static final Duration LEASE = Duration.ofSeconds(30);

  /** The worker fixture claims run as. */
  public static final String WORKER = "worker-1";

  private Specs() {}

  /** A builder for a job in {@code queue} of kind {@link #KIND}, to set options on. */
  public static JobSpec.Builder job(String queue) {
    return JobSpec.builder(queue, KIND);
  }

  /** A request to reap up to {@code max} expired leases, their fate decided by core. */
  public static ReapRequest reap(int max) {
    return new ReapRequest(max, new JobFate(RandomGenerator.getDefault()));
  }

  /** A job in {@code queue} with every option at its default. */
  public static JobSpec spec(String queue) {
    return job(queue).build();
  }

  /** {@code count} default jobs in {@code queue}, in id order. */
  public static List<JobSpec> specs(String queue, int count) {
    List<JobSpec> specs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      specs.add(job(queue).payload("{\"n\":" + i + "}").build());
    }
    return specs;
  }

  /** A claim by {@code workerId} of up to {@code max} jobs for {@link #LEASE}. */
  public static ClaimRequest claim(String workerId, int max, String... queuePatterns) {
    List<QueuePattern> patterns = Arrays.stream(queuePatterns).map(QueuePattern::of).toList();
    return new ClaimRequest(workerId, patterns, max, LEASE);
  }

  /** An error for the attempt {@code job} is on, at {@code at}. */
  public static JobError error(Job job, String message, Instant at) {
    return new JobError(job.attempt(), message, "java.lang.IllegalStateException: " + message, at);
  }

  /** A registry entry that has just started and reported. */
  public static WorkerInfo worker(String id, Instant now) {
    return new WorkerInfo(id, "host-" + id, List.of("default", "scrape.*"), 10, 0, now, now);
  }

  /** A UUID from 32 hex digits, for ids chosen to test ordering. */
  public static UUID uuid(String hex32) {
    return new UUID(
        Long.parseUnsignedLong(hex32.substring(0, 16), 16),
        Long.parseUnsignedLong(hex32.substring(16), 16));
  }
}
