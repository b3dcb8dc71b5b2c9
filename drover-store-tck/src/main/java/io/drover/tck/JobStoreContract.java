package io.drover.tck;

import io.drover.store.JobStore;
import io.drover.time.SettableClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/**
 * The {@link JobStore} contract: what every store must do, as tests. A store passes it by extending
 * this class and building a fresh, empty store on the given clock:
 *
 * <pre>{@code
 * class ExampleStoreContractTest extends JobStoreContract {
 *   @TempDir Path dir;
 *
 *   @Override
 *   protected JobStore newStore(SettableClock clock) {
 *     return new ExampleJobStore(dir.resolve("drover.db"), clock);
 *   }
 * }
 * }</pre>
 *
 * <p>Every {@link Nested} area below then runs against that store: each test gets a new store from
 * {@link #newStore}, closed after it, and a clock standing still at {@link #START} that moves only
 * when the test moves it. The store must make every time decision (due, expired, retention,
 * de-duplication window) with that clock, never the database's or the system's. A store that lacks
 * an optional capability ({@link JobStore#supportsWakeups()}) has the tests that need it skipped.
 *
 * <p>Where the port's Javadoc leaves room, the suite holds stores to these readings:
 *
 * <ul>
 *   <li>Ids order as unsigned 128-bit numbers ({@link io.drover.store.JobOrder}), both for claim
 *       ties and for list pages; {@code UUID.compareTo} is signed and disagrees.
 *   <li>A job enqueued without {@code run_at} gets {@code run_at = created_at}; a released job, or
 *       one retried now, is claimable at once.
 *   <li>A de-duplication key is held by the first job, from its {@code created_at} for its own
 *       {@code dedup_window}, whatever that job's state; later duplicates do not extend it. Once
 *       the job is deleted (cleanup, delete, purge) the key is free, so no answer names a job that
 *       is gone.
 *   <li>Acknowledgements and heartbeats that do not hold the lease (wrong token, job not active,
 *       unknown id) are left out of the answer without an exception.
 *   <li>Cancelling an active job clears {@code lease_expires_at}; the reaper never sees it again.
 *   <li>{@code retryNow} on a job with no attempts left raises {@code max_attempts} to {@code
 *       attempt + 1}; the attempt count and error history are kept.
 *   <li>A plain enqueue of a spec with {@code depends_on} or {@code run_id} is refused with an
 *       {@link io.drover.InvalidJobException} naming the field, leaving no job: steps join a run
 *       only through the run's own calls.
 *   <li>Instants exactly at a boundary (a lease's expiry, a retention's end) are not tested: stores
 *       may count them either side.
 * </ul>
 */
public abstract class JobStoreContract {
  /** Where the clock stands when each test starts: a whole second, far from today. */
  public static final Instant START = Instant.parse("2031-05-04T10:00:00Z");

  private SettableClock clock;
  private JobStore store;

  /**
   * A new store, empty of jobs, queues and workers, whose every time decision uses {@code clock}.
   * Called before each test; the suite closes it after.
   */
  protected abstract JobStore newStore(SettableClock clock) throws Exception;

  /**
   * Another process's view of the same data as {@code store}: a second store on the same file,
   * schema or key prefix, with its own connections, on {@code clock}. The suite closes it after the
   * test, before {@code store}. The race area uses such peers to show that only the store keeps
   * racing processes apart.
   */
  protected abstract JobStore newPeer(JobStore store, SettableClock clock) throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    clock = new SettableClock(START);
    store = newStore(clock);
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  JobStore store() {
    return store;
  }

  SettableClock clock() {
    return clock;
  }

  @Nested
  class Enqueue extends EnqueueContract {
    Enqueue() {
      super(JobStoreContract.this);
    }
  }

  @Nested
  class Claims extends ClaimContract {
    Claims() {
      super(JobStoreContract.this);
    }
  }

  @Nested
  class Leases extends LeaseContract {
    Leases() {
      super(JobStoreContract.this);
    }
  }

  @Nested
  class Acknowledgements extends AcknowledgementContract {
    Acknowledgements() {
      super(JobStoreContract.this);
    }
  }

  @Nested
  class Cancel extends CancelContract {
    Cancel() {
      super(JobStoreContract.this);
    }
  }

  @Nested
  class RetryNow extends RetryNowContract {
    RetryNow() {
      super(JobStoreContract.this);
    }
  }

  @Nested
  class Dedup extends DedupContract {
    Dedup() {
      super(JobStoreContract.this);
    }
  }

  @Nested
  class Queues extends QueueContract {
    Queues() {
      super(JobStoreContract.this);
    }
  }

  @Nested
  class Listing extends ListContract {
    Listing() {
      super(JobStoreContract.this);
    }
  }

  @Nested
  class Cleanup extends CleanupContract {
    Cleanup() {
      super(JobStoreContract.this);
    }
  }

  @Nested
  class Deletion extends DeletionContract {
    Deletion() {
      super(JobStoreContract.this);
    }
  }

  @Nested
  class Workers extends WorkerRegistryContract {
    Workers() {
      super(JobStoreContract.this);
    }
  }

  @Nested
  class Wakeups extends WakeupContract {
    Wakeups() {
      super(JobStoreContract.this);
    }
  }

  @Nested
  class Idle extends IdleContract {
    Idle() {
      super(JobStoreContract.this);
    }
  }

  @Nested
  class Events extends EventContract {
    Events() {
      super(JobStoreContract.this);
    }
  }

  @Nested
  class Races extends RaceContract {
    Races() {
      super(JobStoreContract.this);
    }

    @Override
    JobStore newPeer() throws Exception {
      return JobStoreContract.this.newPeer(store, clock);
    }
  }

  @Nested
  class Runs extends RunContract {
    Runs() {
      super(JobStoreContract.this);
    }
  }

  @Nested
  class Limits extends LimitContract {
    Limits() {
      super(JobStoreContract.this);
    }

    @Override
    JobStore newPeer() throws Exception {
      return JobStoreContract.this.newPeer(store, clock);
    }
  }

  @Nested
  class Schedules extends ScheduleContract {
    Schedules() {
      super(JobStoreContract.this);
    }
  }
}
