package io.drover.bench;

import io.drover.Job;
import io.drover.store.ClaimRequest;
import io.drover.store.Completion;
import io.drover.store.QueuePattern;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills a queue with finished history through the port alone, as workers would have left it:
 * enqueue a batch, claim it, complete it. No store-specific shortcut, so every store is seeded the
 * same way and the seeding time is itself a figure.
 */
final class Seeder {
  private static final String WORKER_ID = "bench-seeder";

  /** Ample for one claim-then-complete round trip. */
  private static final Duration LEASE = Duration.ofMinutes(5);

  private Seeder() {}

  /**
   * Leaves {@code count} completed jobs in the run's queue, which must have none waiting.
   *
   * @return the nanoseconds it took
   * @throws IllegalStateException when a claim does not return the batch just enqueued (someone
   *     else takes from the queue)
   */
  static long seed(BenchRun run, int count) {
    BenchJobs history = run.jobs();
    int batchSize = run.options().batchSize();
    AtomicLong seeded = new AtomicLong();
    run.progress().begin("seed", count, seeded::get);
    try {
      long startedAt = System.nanoTime();
      while (seeded.get() < count) {
        int batch = (int) Math.min(batchSize, count - seeded.get());
        run.store().enqueue(history.next(batch));
        List<Job> claimed =
            run.store()
                .claim(
                    new ClaimRequest(
                        WORKER_ID, List.of(QueuePattern.of(run.queue())), batch, LEASE));
        if (claimed.size() != batch) {
          throw new IllegalStateException(
              "seeding claimed "
                  + claimed.size()
                  + " of the "
                  + batch
                  + " jobs it had just enqueued; is another worker taking from "
                  + run.queue()
                  + "?");
        }
        run.store()
            .complete(claimed.stream().map(job -> new Completion(job.lease(), null)).toList());
        seeded.addAndGet(batch);
      }
      return System.nanoTime() - startedAt;
    } finally {
      run.progress().end();
    }
  }
}
