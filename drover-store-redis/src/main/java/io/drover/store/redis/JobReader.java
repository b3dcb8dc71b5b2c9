package io.drover.store.redis;

import io.drover.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads whole jobs with plain commands in one pipeline: each job's hash, and its lease end, which
 * is its score in the queue's leases set and kept nowhere else.
 */
final class JobReader {
  /** A job by queue and id. */
  record Ref(QueueKeys queue, UUID id) {}

  private final RedisLink link;

  JobReader(RedisLink link) {
    this.link = link;
  }

  /** The jobs, in the order asked; a job that is gone (see {@link Enqueuer}) is left out. */
  List<Job> read(String operation, List<Ref> refs) {
    Batch batch = link.batch(operation);
    List<Reply<Map<String, String>>> hashes = new ArrayList<>(refs.size());
    List<Reply<Double>> leaseEnds = new ArrayList<>(refs.size());
    for (Ref ref : refs) {
      String member = ref.id().toString();
      hashes.add(batch.command(c -> c.hgetall(ref.queue().job(ref.id()))));
      leaseEnds.add(batch.command(c -> c.zscore(ref.queue().leases(), member)));
    }
    batch.execute();
    List<Job> jobs = new ArrayList<>(refs.size());
    for (int i = 0; i < refs.size(); i++) {
      Map<String, String> hash = hashes.get(i).get();
      if (!hash.isEmpty()) {
        jobs.add(JobHash.decode(hash, leaseEnds.get(i).get()));
      }
    }
    return jobs;
  }
}
