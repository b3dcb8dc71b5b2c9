package io.drover.workflow;

import java.util.List;

/**
 * One page of {@link WorkflowStore#runs}, its runs without their steps.
 *
 * @param nextCursor pass it back in {@link RunQuery#cursor()} for the next page; null on the last
 */
public record RunPage(List<Run> runs, String nextCursor) {
  public RunPage {
    runs = List.copyOf(runs);
  }

  /**
   * The page for {@code fetched}, up to {@code limit + 1} runs newest first: the extra one only
   * tells that another page exists.
   */
  public static RunPage of(List<Run> fetched, int limit) {
    if (fetched.size() <= limit) {
      return new RunPage(fetched, null);
    }
    List<Run> page = fetched.subList(0, limit);
    return new RunPage(page, page.get(limit - 1).id().toString());
  }
}
