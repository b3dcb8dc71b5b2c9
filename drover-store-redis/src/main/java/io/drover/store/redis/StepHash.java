package io.drover.store.redis;

import io.drover.Job;
import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.workflow.RunOn;
import io.drover.workflow.Step;
import io.drover.workflow.StepSpec;
import io.drover.workflow.StepWait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What makes a job a step of a run, kept in its job's hash beside the {@link JobHash} fields, so a
 * plain job pays nothing for runs and a step's edges are read where its state is. {@code run.lua}
 * also writes {@code pending} (parents that have not finished in a way that lets it start), {@code
 * armed} and {@code wake_at} (a wait whose clock runs).
 */
final class StepHash {
  static final String STEP = "step";
  static final String OPTIONAL = "optional";
  static final String RUN_ON = "run_on";
  static final String WAIT_KIND = "wait_kind";
  static final String WAIT_SIGNAL = "wait_signal";
  static final String WAIT_MS = "wait_ms";
  static final String ON_TIMEOUT = "on_timeout";

  /** The attempts the step was given, renewed on each retry of its run. */
  static final String STEP_ATTEMPTS = "step_attempts";

  private static final String SIGNAL = "signal";
  private static final String TIMER = "timer";

  private StepHash() {}

  /** Adds a placed step as {@code run.lua}'s parse_steps reads it. */
  static void addArgs(List<String> args, StepSpec step, long now) {
    JobSpec job = step.job();
    args.add(job.id().toString());
    args.add(job.queue());
    args.add(step.name());
    args.add(step.runOn().wireName());
    args.add(step.waitsFor() instanceof StepWait.Signal signal ? signal.signal() : "");
    args.add(Integer.toString(job.dependsOn().size()));
    job.dependsOn().forEach(parent -> args.add(parent.toString()));
    List<String> fields = fields(step, now);
    args.add(Integer.toString(fields.size()));
    args.addAll(fields);
  }

  private static List<String> fields(StepSpec step, long now) {
    JobSpec job = step.job();
    long runAt = job.runAt() == null ? now : job.runAt().toEpochMilli();
    List<String> fields = new ArrayList<>(JobHash.fields(job, JobState.BLOCKED, runAt, now));
    add(fields, STEP, step.name());
    add(fields, STEP_ATTEMPTS, Integer.toString(job.maxAttempts()));
    if (!job.dependsOn().isEmpty()) {
      add(
          fields,
          JobHash.DEPENDS_ON,
          String.join(" ", job.dependsOn().stream().map(UUID::toString).toList()));
    }
    if (step.optional()) {
      add(fields, OPTIONAL, "1");
    }
    if (step.runOn() == RunOn.FINISHED) {
      add(fields, RUN_ON, RunOn.FINISHED.wireName());
    }
    switch (step.waitsFor()) {
      case null -> {}
      case StepWait.Signal signal -> {
        add(fields, WAIT_KIND, SIGNAL);
        add(fields, WAIT_SIGNAL, signal.signal());
        if (signal.timeout() != null) {
          add(fields, WAIT_MS, Long.toString(signal.timeout().toMillis()));
        }
        if (signal.onTimeout() != null) {
          add(fields, ON_TIMEOUT, signal.onTimeout());
        }
      }
      case StepWait.Timer timer -> {
        add(fields, WAIT_KIND, TIMER);
        add(fields, WAIT_MS, Long.toString(timer.after().toMillis()));
      }
    }
    return fields;
  }

  /**
   * A step as stored.
   *
   * @param names the step names of its run's jobs, to name its parents
   */
  static Step decode(Map<String, String> hash, Double leaseEnd, Map<UUID, String> names) {
    Job job = JobHash.decode(hash, leaseEnd);
    List<String> parents = job.dependsOn().stream().map(names::get).toList();
    return new Step(
        hash.get(STEP),
        parents,
        "1".equals(hash.get(OPTIONAL)),
        hash.containsKey(RUN_ON) ? RunOn.parse(hash.get(RUN_ON)) : RunOn.COMPLETED,
        wait(hash),
        job);
  }

  private static StepWait wait(Map<String, String> hash) {
    String kind = hash.get(WAIT_KIND);
    if (kind == null) {
      return null;
    }
    String millis = hash.get(WAIT_MS);
    Duration deadline = millis == null ? null : Duration.ofMillis(Long.parseLong(millis));
    return SIGNAL.equals(kind)
        ? new StepWait.Signal(hash.get(WAIT_SIGNAL), deadline, hash.get(ON_TIMEOUT))
        : new StepWait.Timer(deadline);
  }

  private static void add(List<String> fields, String field, String value) {
    fields.add(field);
    fields.add(value);
  }
}
