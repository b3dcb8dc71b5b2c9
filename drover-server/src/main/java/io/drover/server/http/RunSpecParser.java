package io.drover.server.http;

import static io.drover.server.json.JsonFields.bool;
import static io.drover.server.json.JsonFields.duration;
import static io.drover.server.json.JsonFields.present;
import static io.drover.server.json.JsonFields.rejectUnknown;
import static io.drover.server.json.JsonFields.shown;
import static io.drover.server.json.JsonFields.strings;
import static io.drover.server.json.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.Ids;
import io.drover.InvalidJobException;
import io.drover.JobSpec;
import io.drover.workflow.RunOn;
import io.drover.workflow.RunSpec;
import io.drover.workflow.StepSpec;
import io.drover.workflow.StepWait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reads a run's plan from the JSON a client posts: {@code {"name", "input", "steps": [...]}}, each
 * step a job (the fields of {@code POST /jobs}) with a {@code name} and {@code depends_on} naming
 * other steps, or a wait: {@code "signal": "approval"} (with an optional {@code timeout} and {@code
 * on_timeout} result) or {@code "timer": "1h"}. Errors name the step's index and field ({@code
 * steps[2].depends_on}); the checks of the plan as a whole ({@link io.drover.workflow.PlanCheck})
 * name the step by its name.
 */
final class RunSpecParser {
  private static final Set<String> RUN_FIELDS = Set.of("id", "name", "input", "steps");

  /** What a step adds to a job's fields. */
  private static final Set<String> STEP_FIELDS = Set.of("name", "depends_on", "optional", "run_on");

  private static final Set<String> SIGNAL_FIELDS =
      Set.of(
          "name",
          "depends_on",
          "optional",
          "run_on",
          "id",
          "queue",
          "signal",
          "timeout",
          "on_timeout");

  private static final Set<String> TIMER_FIELDS =
      Set.of("name", "depends_on", "optional", "run_on", "id", "queue", "timer");

  private final JobSpecParser jobs;
  private final int maxSteps;

  /**
   * @param maxSteps how many steps a run may hold, counting those its steps add later
   */
  RunSpecParser(JobSpecParser jobs, int maxSteps) {
    this.jobs = jobs;
    this.maxSteps = maxSteps;
  }

  /**
   * @param idWhenAbsent the run's id when the body gives none (from an {@code Idempotency-Key}), or
   *     null for a new one
   * @throws InvalidJobException naming the first field that is wrong
   */
  RunSpec parse(JsonNode body, UUID idWhenAbsent) {
    if (!body.isObject()) {
      throw new InvalidJobException("run", "must be a JSON object (was " + shown(body) + ")");
    }
    rejectUnknown(body, RUN_FIELDS);
    if (!present(body, "name")) {
      throw new InvalidJobException("name", "is required, e.g. \"plan\"");
    }
    RunSpec.Builder run = RunSpec.builder(text(body, "name")).maxSteps(maxSteps);
    if (present(body, "id")) {
      run.id(Ids.parse("id", text(body, "id")));
    } else if (idWhenAbsent != null) {
      run.id(idWhenAbsent);
    }
    if (present(body, "input")) {
      run.input(body.get("input").toString());
    }
    if (present(body, "steps")) {
      run.steps(steps(body.get("steps"), "steps"));
    }
    return run.build();
  }

  /**
   * Reads an array of steps: a plan's, or those a completing step adds ({@code add_steps}).
   *
   * @throws InvalidJobException naming {@code field[index].…}
   */
  List<StepSpec> steps(JsonNode array, String field) {
    if (!array.isArray()) {
      throw new InvalidJobException(field, "must be an array of steps (was " + shown(array) + ")");
    }
    if (array.size() > maxSteps) {
      throw new InvalidJobException(
          field, "a run holds at most " + maxSteps + " steps (was " + array.size() + ")");
    }
    List<StepSpec> steps = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      try {
        steps.add(step(array.get(i)));
      } catch (InvalidJobException e) {
        throw e.within(field + "[" + i + "]");
      }
    }
    return steps;
  }

  private StepSpec step(JsonNode node) {
    if (!node.isObject()) {
      throw new InvalidJobException("step", "must be a JSON object (was " + shown(node) + ")");
    }
    if (!present(node, "name")) {
      throw new InvalidJobException("name", "is required: steps are named to depend on them");
    }
    String name = text(node, "name");
    StepSpec.Builder step;
    if (present(node, "signal")) {
      rejectUnknown(node, SIGNAL_FIELDS);
      Duration timeout = present(node, "timeout") ? duration(node, "timeout") : null;
      String onTimeout = present(node, "on_timeout") ? node.get("on_timeout").toString() : null;
      step = waiting(node, name, new StepWait.Signal(text(node, "signal"), timeout, onTimeout));
    } else if (present(node, "timer")) {
      rejectUnknown(node, TIMER_FIELDS);
      step = waiting(node, name, new StepWait.Timer(duration(node, "timer")));
    } else {
      ObjectNode job = ((ObjectNode) node).deepCopy();
      job.remove(STEP_FIELDS);
      step = StepSpec.of(name, jobs.parse(job, null));
    }
    if (present(node, "depends_on")) {
      List<String> parents = strings(node.get("depends_on"), "depends_on");
      if (new HashSet<>(parents).size() != parents.size()) {
        throw new InvalidJobException("depends_on", "names a step twice");
      }
      step.dependsOn(parents);
    }
    if (present(node, "optional")) {
      step.optional(bool(node, "optional"));
    }
    if (present(node, "run_on")) {
      step.runOn(RunOn.parse(text(node, "run_on")));
    }
    return step.build();
  }

  /** A step no worker runs; its job only says where it is listed and counted. */
  private static StepSpec.Builder waiting(JsonNode node, String name, StepWait wait) {
    JobSpec.Builder job =
        JobSpec.builder(
            present(node, "queue") ? text(node, "queue") : JobSpec.DEFAULT_QUEUE, wait.kind());
    if (present(node, "id")) {
      job.id(Ids.parse("id", text(node, "id")));
    }
    return StepSpec.waiting(name, job.build(), wait);
  }
}
