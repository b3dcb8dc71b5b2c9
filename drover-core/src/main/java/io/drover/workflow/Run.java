package io.drover.workflow;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.drover.JobState;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A run as the store holds it.
 *
 * @param counts steps per state; states without steps are left out
 * @param steps every step in creation order; empty in a page of {@link WorkflowStore#runs}
 */
public record Run(
    UUID id,
    String name,
    String input,
    RunState state,
    int maxSteps,
    Map<JobState, Integer> counts,
    Instant createdAt,
    Instant finishedAt,
    List<Step> steps) {

  public Run {
    counts = counts.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(counts));
    steps = List.copyOf(steps);
  }

  /**
   * The results of the completed sink steps (those no step depends on) as one JSON object keyed by
   * step name; {@code {}} while none has completed.
   */
  public String output() {
    Set<String> parents = new HashSet<>();
    steps.forEach(step -> parents.addAll(step.dependsOn()));
    StringBuilder json = new StringBuilder("{");
    for (Step step : steps) {
      if (!parents.contains(step.name()) && step.job().state() == JobState.COMPLETED) {
        if (json.length() > 1) {
          json.append(',');
        }
        json.append('"').append(JsonStringEncoder.getInstance().quoteAsString(step.name()));
        String result = step.job().result();
        json.append("\":").append(result == null ? "null" : result);
      }
    }
    return json.append('}').toString();
  }
}
