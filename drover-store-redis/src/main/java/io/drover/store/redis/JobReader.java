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
    return read(operation, refs, null);
  }

  /**
   * Jobs just claimed, whose lease end the claimer set itself, so only their hashes are read.
   *
   * @param leaseEnd the lease end in epoch milliseconds the claim gave every one of them
   */
  List<Job> readClaimed(String operation, List<Ref> refs, double leaseEnd) {
    return read(operation, refs, leaseEnd);
  }

  private List<Job> read(String operation, List<Ref> refs, Double knownLeaseEnd) {
    Batch batch = link.batch(operation);
    List<Reply<Map<String, String>>> hashes = new ArrayList<>(refs.size());
    List<Reply<Double>> leaseEnds = new ArrayList<>(refs.size());
    for (Ref ref : refs) {
      String member = ref.id().toString();
      hashes.add(batch.command(c -> c.hgetall(ref.queue().job(ref.id()))));
      if (knownLeaseEnd == null) {
        leaseEnds.add(batch.command(c -> c.zscore(ref.queue().leases(), member)));
      }
    }
    batch.execute();
    List<Job> jobs = new ArrayList<>(refs.size());
    for (int i = 0; i < refs.size(); i++) {
      Map<String, String> hash = hashes.get(i).get();
      if (!hash.isEmpty()) {
        Double leaseEnd = knownLeaseEnd != null ? knownLeaseEnd : leaseEnds.get(i).get();
        jobs.add(JobHash.decode(hash, leaseEnd));
      }
    }
    return jobs;
  }
}
