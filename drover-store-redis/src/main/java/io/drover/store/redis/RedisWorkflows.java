package io.drover.store.redis;

import io.drover.InvalidJobException;
import io.drover.JobSpec;
import io.drover.workflow.ParentResult;
import io.drover.workflow.Run;
import io.drover.workflow.RunCreated;
import io.drover.workflow.RunHead;
import io.drover.workflow.RunNotFoundException;
import io.drover.workflow.RunPage;
import io.drover.workflow.RunQuery;
import io.drover.workflow.RunSpec;
import io.drover.workflow.SignalOutcome;
import io.drover.workflow.StepSpec;
import io.drover.workflow.WorkflowStore;
import io.lettuce.core.ScoredValue;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The Redis store's {@link WorkflowStore}: each change to a run is one script ({@code run_*.lua}
 * over {@code run.lua}), so it is atomic; reads are {@link RunReader}'s. Steps that end by a
 * worker's acknowledgement move their run on inside that acknowledgement's own script.
 */
final class RedisWorkflows implements WorkflowStore {
  /**
   * Steps staged per script call. Measured on a 10,000-step run (9,999 steps and a join of them
   * all), 2 shared cores: 12-22 ms of server time per chunk, 40-55 ms for the one holding the join;
   * opening the run, which arms its 9,999 roots at once, 90-135 ms. The whole run in one call took
   * 235-344 ms.
   */
  static final int CHUNK = 1_000;

  private final RedisLink link;
  private final Keys keys;
  private final RunReader reader;
  private final InstantSource clock;

  RedisWorkflows(RedisLink link, Keys keys, RunReader reader, InstantSource clock) {
    this.link = link;
    this.keys = keys;
    this.reader = reader;
    this.clock = clock;
  }

  /**
   * Stages the steps in chunks, then opens the run ({@code run_stage.lua}, {@code run_open.lua}):
   * each call stays short, and the run is seen by no one until it is whole. The last chunk and the
   * opening go out in one pipeline, so a run of up to {@value #CHUNK} steps takes one round trip.
   */
  @Override
  public RunCreated createRun(RunSpec spec) {
    long now = clock.millis();
    List<StepSpec> steps = spec.steps();
    Reply<String> opened = null;
    for (int from = 0; from == 0 || from < steps.size(); from += CHUNK) {
      boolean last = from + CHUNK >= steps.size();
      List<String> args = keys.runArgs(now);
      args.add(spec.id().toString());
      args.add(spec.name());
      args.add(spec.input());
      args.add(Integer.toString(spec.maxSteps()));
      steps
          .subList(from, Math.min(steps.size(), from + CHUNK))
          .forEach(step -> StepHash.addArgs(args, step, now));
      Batch batch = link.batch("create run");
      Reply<List<Object>> staged = batch.list(LuaScript.RUN_STAGE, List.of(), args);
      if (last) {
        List<String> open = keys.runArgs(now);
        open.add(spec.id().toString());
        open.add(Integer.toString(steps.size()));
        opened = batch.text(LuaScript.RUN_OPEN, List.of(), open);
      }
      batch.execute();
      switch ((String) staged.get().get(0)) {
        case "exists" -> {
          return new RunCreated(spec.id(), false);
        }
        case "taken" -> {
          integer("create run (abort)", LuaScript.RUN_DELETE, spec.id(), RunRetention.ABORT);
          throw taken(steps, (String) staged.get().get(1));
        }
        default -> {}
      }
    }
    return switch (opened.get()) {
      case "created" -> new RunCreated(spec.id(), true);
      case "exists" -> new RunCreated(spec.id(), false);
      default ->
          throw new InvalidJobException(
              "id", "run " + spec.id() + " is being created with other steps");
    };
  }

  /** The refusal of a step whose job id belongs to a job of the store, as every store words it. */
  static InvalidJobException taken(List<StepSpec> steps, String name) {
    UUID id =
        steps.stream()
            .filter(step -> step.name().equals(name))
            .findFirst()
            .orElseThrow()
            .job()
            .id();
    return new InvalidJobException("steps." + name + ".id", "a job with id " + id + " exists");
  }

  @Override
  public Optional<Run> run(UUID id) {
    return reader.run(id);
  }

  @Override
  public Optional<RunHead> head(UUID runId) {
    return reader.head(runId);
  }

  @Override
  public RunPage runs(RunQuery query) {
    return reader.runs(query);
  }

  @Override
  public boolean cancelRun(UUID id) {
    return changed(id, integer("cancel run", LuaScript.RUN_CANCEL, id));
  }

  @Override
  public boolean retryRun(UUID id) {
    return changed(id, integer("retry run", LuaScript.RUN_RETRY, id));
  }

  @Override
  public boolean deleteRun(UUID id) {
    long deleted = integer("delete run", LuaScript.RUN_DELETE, id, RunRetention.SETTLED);
    if (deleted == RunRetention.NO_RUN) {
      throw new RunNotFoundException(id);
    }
    return deleted >= 0;
  }

  @Override
  public SignalOutcome signal(UUID runId, String signal, String body) {
    JobSpec.checkPayload(body, JobSpec.DEFAULT_MAX_PAYLOAD_BYTES);
    List<String> args = keys.runArgs(clock.millis());
    args.addAll(List.of(runId.toString(), signal, body));
    Batch batch = link.batch("signal");
    Reply<String> outcome = batch.text(LuaScript.RUN_SIGNAL, List.of(), args);
    batch.execute();
    return switch (outcome.get()) {
      case "delivered" -> SignalOutcome.DELIVERED;
      case "not_waiting" -> SignalOutcome.NOT_WAITING_YET;
      case "finished" -> SignalOutcome.ALREADY_FINISHED;
      case "unknown" -> SignalOutcome.UNKNOWN_SIGNAL;
      default -> throw new RunNotFoundException(runId);
    };
  }

  @Override
  public int fireDueWaits(int max) {
    if (max < 1) {
      return 0;
    }
    List<String> args = keys.runArgs(clock.millis());
    args.add(Integer.toString(max));
    Batch batch = link.batch("fire due waits");
    Reply<Long> fired = batch.integer(LuaScript.RUN_FIRE, List.of(), args);
    batch.execute();
    return fired.get().intValue();
  }

  @Override
  public Optional<Instant> nextWaitAt() {
    Batch batch = link.batch("next wait");
    Reply<List<ScoredValue<String>>> first =
        batch.command(c -> c.zrangeWithScores(keys.waits(), 0, 0));
    batch.execute();
    return first.get().stream()
        .findFirst()
        .map(entry -> Instant.ofEpochMilli((long) entry.getScore()));
  }

  @Override
  public Map<String, ParentResult> parents(UUID jobId) {
    return reader.parents(jobId);
  }

  /** A run script's answer: 1 changed, 0 its state forbids it, -1 no such run. */
  private static boolean changed(UUID runId, long answer) {
    if (answer < 0) {
      throw new RunNotFoundException(runId);
    }
    return answer == 1;
  }

  private long integer(String operation, LuaScript script, UUID runId, String... more) {
    List<String> args = keys.runArgs(clock.millis());
    args.add(runId.toString());
    args.addAll(List.of(more));
    Batch batch = link.batch(operation);
    Reply<Long> answer = batch.integer(script, List.of(), args);
    batch.execute();
    return answer.get();
  }
}
