package io.drover.store;

import io.drover.InvalidJobException;
import io.drover.Job;
import java.util.List;
import java.util.UUID;

/**
 * One page of {@link JobStore#list}.
 *
 * @param nextCursor pass it back in {@link JobQuery#cursor()} for the next page; null on the last
 */
public record JobPage(List<Job> jobs, String nextCursor) {
  public JobPage {
    jobs = List.copyOf(jobs);
  }

  /**
   * Makes the page for {@code fetched}, which holds up to {@code limit + 1} jobs in list order: the
   * extra one only tells that another page exists.
   */
  public static JobPage of(List<Job> fetched, int limit) {
    if (fetched.size() <= limit) {
      return new JobPage(fetched, null);
    }
    List<Job> page = fetched.subList(0, limit);
    return new JobPage(page, page.get(limit - 1).id().toString());
  }

  /**
   * The id a cursor stands for: jobs on the next page have smaller ids.
   *
   * @throws InvalidJobException naming the {@code cursor} field when it is not one we issued
   */
  public static UUID decodeCursor(String cursor) {
    try {
      return UUID.fromString(cursor);
    } catch (IllegalArgumentException e) {
      throw new InvalidJobException("cursor", "is not a cursor this server issued");
    }
  }
}
