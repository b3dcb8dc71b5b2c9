package io.drover.store.redis;

import io.drover.InvalidJobException;
import io.drover.JobError;
import io.drover.JobState;
import io.drover.store.Completion;
import io.drover.store.Failure;
import io.drover.store.JobChange;
import io.drover.workflow.PlanCheck;
import io.drover.workflow.StepSpec;
import io.lettuce.core.KeyValue;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Completions that add steps to their run (fan-out at run time). Completions adding nothing go to
 * {@link Acknowledger} as a batch and cost nothing more. One that adds steps is checked in Java
 * ({@link PlanCheck}) against its run's steps as read, then {@code fan_out.lua} inserts the steps
 * and completes the job in one call, provided the run still has the step count the check saw;
 * otherwise it is checked again. A completion whose steps break a rule fails its job for good
 * instead, the rule as its error, so the run sees why. Answers keep the completions' order.
 */
final class FanOut {
  /** Checks of one completion against a run that keeps changing under it, at most. */
  private static final int MAX_CHECKS = 1_000;

  private final RedisLink link;
  private final Keys keys;
  private final QueueLocator locator;
  private final Acknowledger acknowledger;
  private final InstantSource clock;

  /** A completion's fate once its steps were tried: applied, refused, or lease lost (null). */
  private record Outcome(JobChange change, Failure refusal) {}

  /** The fate of a try that met its run changed since its check. */
  private static final Outcome STALE = new Outcome(null, null);

  FanOut(
      RedisLink link,
      Keys keys,
      QueueLocator locator,
      Acknowledger acknowledger,
      InstantSource clock) {
    this.link = link;
    this.keys = keys;
    this.locator = locator;
    this.acknowledger = acknowledger;
    this.clock = clock;
  }

  List<JobChange> complete(List<Completion> completions) {
    if (completions.stream().allMatch(completion -> completion.addSteps().isEmpty())) {
      return acknowledger.complete(completions);
    }
    JobChange[] byPosition = new JobChange[completions.size()];
    Map<UUID, Integer> positions = new HashMap<>();
    List<Completion> plain = new ArrayList<>();
    List<Failure> refused = new ArrayList<>();
    for (int i = 0; i < completions.size(); i++) {
      Completion completion = completions.get(i);
      positions.putIfAbsent(completion.lease().jobId(), i);
      if (completion.addSteps().isEmpty()) {
        plain.add(completion);
        continue;
      }
      Outcome outcome = addAndComplete(completion);
      if (outcome != null && outcome.change() != null) {
        byPosition[i] = outcome.change();
      } else if (outcome != null) {
        refused.add(outcome.refusal());
      }
    }
    // Jobs completed here leave this process's hands as those the acknowledger completes do.
    locator.forget(
        completions.stream()
            .filter(completion -> !completion.addSteps().isEmpty())
            .map(completion -> completion.lease().jobId())
            .toList());
    List<JobChange> changes = new ArrayList<>(acknowledger.complete(plain));
    changes.addAll(acknowledger.fail(refused));
    for (JobChange change : changes) {
      byPosition[positions.get(change.id())] = change;
    }
    return Arrays.stream(byPosition).filter(Objects::nonNull).toList();
  }

  /** Adds the completion's steps and completes its job, or says why not; null: lease lost. */
  private Outcome addAndComplete(Completion completion) {
    UUID jobId = completion.lease().jobId();
    String queue = locator.locate(List.of(jobId)).get(jobId);
    if (queue == null) {
      return null;
    }
    QueueKeys queueKeys = keys.queue(queue);
    for (int check = 0; check < MAX_CHECKS; check++) {
      Batch batch = link.batch("complete (read run)");
      Reply<List<KeyValue<String, String>>> job =
          batch.command(
              c ->
                  c.hmget(
                      queueKeys.job(jobId),
                      JobHash.STATE,
                      JobHash.TOKEN,
                      JobHash.ATTEMPT,
                      JobHash.RUN_ID));
      batch.execute();
      List<KeyValue<String, String>> fields = job.get();
      if (!JobState.ACTIVE.wireName().equals(fields.get(0).getValueOrElse(null))
          || !Long.toString(completion.lease().token())
              .equals(fields.get(1).getValueOrElse(null))) {
        return null;
      }
      int attempt = Integer.parseInt(fields.get(2).getValue());
      String runId = fields.get(3).getValueOrElse(null);
      if (runId == null) {
        return refused(
            completion,
            attempt,
            new InvalidJobException("add_steps", "only a step of a run can add steps"));
      }
      Outcome outcome = tryOnce(completion, queueKeys, UUID.fromString(runId), attempt);
      if (outcome != STALE) {
        return outcome;
      }
    }
    throw new IllegalStateException(
        "run of job " + jobId + " kept changing over " + MAX_CHECKS + " checks of added steps");
  }

  private Outcome tryOnce(Completion completion, QueueKeys queueKeys, UUID runId, int attempt) {
    Batch batch = link.batch("complete (read run steps)");
    Reply<List<KeyValue<String, String>>> run =
        batch.command(c -> c.hmget(keys.run(runId), RunHash.MAX_STEPS, RunHash.STEP_COUNT));
    Reply<Map<String, String>> names = batch.command(c -> c.hgetall(keys.runNames(runId)));
    batch.execute();
    String stepCount = run.get().get(1).getValue();
    Map<String, UUID> existing = new HashMap<>();
    names.get().forEach((name, entry) -> existing.put(name, StepEntry.parse(entry).id()));
    List<StepSpec> placed;
    try {
      placed =
          PlanCheck.place(
              runId,
              existing,
              completion.addSteps(),
              Integer.parseInt(run.get().get(0).getValue()));
    } catch (InvalidJobException broken) {
      return refused(completion, attempt, broken);
    }
    long now = clock.millis();
    List<String> args = queueKeys.args(now);
    args.add(completion.lease().jobId().toString());
    args.add(Long.toString(completion.lease().token()));
    args.add(completion.result() == null ? "" : "=" + completion.result());
    args.add(stepCount);
    placed.forEach(step -> StepHash.addArgs(args, step, now));
    Batch fanOut = link.batch("complete (add steps)");
    Reply<List<Object>> reply = fanOut.list(LuaScript.FAN_OUT, queueKeys.scriptKeys(), args);
    fanOut.execute();
    List<Object> answer = reply.get();
    return switch ((String) answer.get(0)) {
      case "done" ->
          new Outcome(
              new JobChange(
                  completion.lease().jobId(),
                  queueKeys.queue(),
                  (String) answer.get(2),
                  Integer.parseInt((String) answer.get(3)),
                  JobState.COMPLETED,
                  null,
                  null),
              null);
      case "stale" -> STALE;
      case "taken" ->
          refused(completion, attempt, RedisWorkflows.taken(placed, (String) answer.get(1)));
      default -> null; // lost: the lease went while the steps were checked
    };
  }

  private Outcome refused(Completion completion, int attempt, InvalidJobException why) {
    JobError error = new JobError(attempt, why.getMessage(), null, clock.instant());
    return new Outcome(null, new Failure(completion.lease(), error, null));
  }
}
