package io.drover.store.redis;

import io.drover.Job;
import io.drover.store.JobPage;
import io.drover.store.JobQuery;
import io.drover.store.StoredJson;
import io.lettuce.core.KeyValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Lists jobs newest id first by walking the {@link IdIndex} backwards from the cursor, filtering as
 * it goes: the queue from the index, other filters from a few fields of each job, and only matches
 * are read whole. An admin path, so a scan is acceptable, but a bounded one: after {@link
 * #SCAN_LIMIT} index entries a page ends short, with a cursor to go on from.
 */
final class JobLister {
  private static final int CHUNK = 200;

  /** Index entries one call reads at most. */
  private static final int SCAN_LIMIT = 10_000;

  private final RedisLink link;
  private final Keys keys;
  private final IdIndex index;
  private final JobReader reader;

  JobLister(RedisLink link, Keys keys, IdIndex index, JobReader reader) {
    this.link = link;
    this.keys = keys;
    this.index = index;
    this.reader = reader;
  }

  JobPage list(JobQuery query) {
    String below = query.cursor() == null ? null : JobPage.decodeCursor(query.cursor()).toString();
    List<Job> fetched = new ArrayList<>();
    int scanned = 0;
    while (fetched.size() <= query.limit()) {
      if (scanned >= SCAN_LIMIT) {
        return new JobPage(fetched, below);
      }
      List<UUID> ids = index.idsBelow(below, CHUNK);
      if (ids.isEmpty()) {
        break;
      }
      scanned += ids.size();
      below = ids.get(ids.size() - 1).toString();
      fetched.addAll(matches(ids, query, query.limit() + 1 - fetched.size()));
    }
    return JobPage.of(fetched, query.limit());
  }

  /** Up to {@code max} jobs of these ids that match the query, in the ids' order. */
  private List<Job> matches(List<UUID> ids, JobQuery query, int max) {
    Map<UUID, String> queues = index.queues(ids);
    List<JobReader.Ref> refs = new ArrayList<>();
    for (UUID id : ids) {
      String queue = queues.get(id);
      if (queue != null && (query.queue() == null || query.queue().equals(queue))) {
        refs.add(new JobReader.Ref(keys.queue(queue), id));
      }
    }
    if (query.state() != null
        || query.kind() != null
        || query.tag() != null
        || query.createdFrom() != null
        || query.createdTo() != null) {
      refs = filter(refs, query);
    }
    // Jobs that vanish between the index and the read are skipped, so read on until max or done.
    List<Job> jobs = new ArrayList<>();
    int next = 0;
    while (jobs.size() < max && next < refs.size()) {
      List<JobReader.Ref> slice =
          refs.subList(next, Math.min(refs.size(), next + max - jobs.size()));
      next += slice.size();
      jobs.addAll(reader.read("list jobs", slice));
    }
    return jobs;
  }

  /** The jobs whose state, kind, tags and creation time match. */
  private List<JobReader.Ref> filter(List<JobReader.Ref> refs, JobQuery query) {
    Batch batch = link.batch("list jobs (filter)");
    List<Reply<List<KeyValue<String, String>>>> replies = new ArrayList<>();
    for (JobReader.Ref ref : refs) {
      String key = ref.queue().job(ref.id());
      replies.add(
          batch.command(
              c -> c.hmget(key, JobHash.STATE, JobHash.KIND, JobHash.TAGS, JobHash.CREATED_AT)));
    }
    batch.execute();
    List<JobReader.Ref> kept = new ArrayList<>();
    for (int i = 0; i < refs.size(); i++) {
      List<KeyValue<String, String>> fields = replies.get(i).get();
      String state = fields.get(0).getValueOrElse(null);
      if (state != null
          && (query.state() == null || query.state().wireName().equals(state))
          && (query.kind() == null || query.kind().equals(fields.get(1).getValueOrElse(null)))
          && (query.tag() == null || hasTag(fields.get(2).getValueOrElse(null), query.tag()))
          && isCreatedInRange(JobHash.instant(fields.get(3).getValueOrElse(null)), query)) {
        kept.add(refs.get(i));
      }
    }
    return kept;
  }

  private static boolean hasTag(String tags, String tag) {
    return tags != null && StoredJson.strings(tags).contains(tag);
  }

  private static boolean isCreatedInRange(Instant createdAt, JobQuery query) {
    return (query.createdFrom() == null || !createdAt.isBefore(query.createdFrom()))
        && (query.createdTo() == null || createdAt.isBefore(query.createdTo()));
  }
}
