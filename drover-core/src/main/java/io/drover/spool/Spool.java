package io.drover.spool;

import io.drover.Ids;
import io.drover.JobSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A producer's durable local queue of jobs accepted while the store was unreachable (DESIGN §1,
 * §8). Each enqueue call is one record, fsynced before {@link #add} returns; records leave in order
 * as the {@link Forwarder} hands them to the store.
 *
 * <p>Each process writes a journal file of its own ({@code journal-<id>.log}, locked while it
 * lives) in the spool directory, so several processes (a server, CLI calls) may share one
 * directory. Journals whose process ended, by a crash or with jobs still pending, are adopted:
 * their records are copied into this process's journal, fsynced, and the old file deleted. A record
 * copied twice (a crash mid-adoption) is forwarded twice, which the store turns into one job, as
 * both copies carry the same job ids.
 *
 * <p>Once every record has been forwarded the journal is truncated; that is the spool's compaction.
 * A record forwarded before a crash but not yet truncated away is forwarded again after the
 * restart, harmlessly for the same reason.
 */
public final class Spool implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Spool.class);
  private static final String JOURNAL_GLOB = "journal-*.log";
  static final String REJECTED_FILE = "rejected.log";

  private final SpoolConfig config;
  private final InstantSource clock;
  private final Journal journal;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>(); // guarded by this
  private int pendingJobs; // guarded by this
  private long pendingBytes; // guarded by this
  private final LongAdder spooled = new LongAdder();
  private final LongAdder forwarded = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private boolean closed; // guarded by this

  private Spool(SpoolConfig config, InstantSource clock, Journal journal) {
    this.config = config;
    this.clock = clock;
    this.journal = journal;
  }

  /**
   * Opens a journal for this process in the configured directory and adopts the journals other
   * processes left there.
   *
   * @throws UncheckedIOException if the directory cannot be made or written
   */
  public static Spool open(SpoolConfig config, InstantSource clock) {
    try {
      Files.createDirectories(config.directory());
      Path file = config.directory().resolve("journal-" + Ids.newId() + ".log");
      Spool spool = new Spool(config, clock, Journal.create(file));
      syncDirectory(config.directory());
      spool.adoptOrphans();
      return spool;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot open the spool in " + config.directory() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Keeps one enqueue call's jobs, all or none, and returns once they are on disk.
   *
   * @throws SpoolFullException if they do not fit
   * @throws UncheckedIOException if the journal cannot be written
   */
  public void add(List<JobSpec> specs) {
    byte[] line = new SpoolRecord(clock.instant(), specs).encode();
    long end;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the spool is closed");
      }
      if (pendingJobs + specs.size() > config.maxJobs()
          || pendingBytes + line.length > config.maxBytes()) {
        throw new SpoolFullException(pendingJobs, pendingBytes, config, specs.size());
      }
      end = write(line);
      pending.addLast(new Pending(end - line.length, line.length, specs.size(), clock.instant()));
      pendingJobs += specs.size();
      pendingBytes += line.length;
    }
    try {
      journal.syncTo(end); // outside the lock, so concurrent adds share one fsync
    } catch (IOException e) {
      throw new UncheckedIOException("cannot sync the spool journal: " + e.getMessage(), e);
    }
    spooled.add(specs.size());
  }

  /**
   * The oldest records not yet forwarded, as many whole ones as fit in {@code maxJobs} jobs (at
   * least one), with their jobs read back from the journal.
   */
  Optional<Batch> head(int maxJobs) {
    List<Pending> records = new ArrayList<>();
    synchronized (this) {
      int jobs = 0;
      for (Pending next : pending) {
        if (!records.isEmpty() && jobs + next.jobs() > maxJobs) {
          break;
        }
        records.add(next);
        jobs += next.jobs();
      }
    }
    if (records.isEmpty()) {
      return Optional.empty();
    }
    List<JobSpec> jobs = new ArrayList<>();
    try {
      for (Pending record : records) {
        byte[] line = journal.read(record.offset(), record.length());
        jobs.addAll(
            SpoolRecord.decode(line, line.length - 1)
                .orElseThrow(
                    () -> new IOException("record at offset " + record.offset() + " is damaged"))
                .jobs());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the spool journal: " + e.getMessage(), e);
    }
    return Optional.of(new Batch(records, jobs));
  }

  /** The head batch is in the store: drops it, and empties the journal when nothing is left. */
  void forwarded(Batch batch) {
    remove(batch);
    forwarded.add(batch.jobs().size());
  }

  /**
   * The store refused the head batch for good: sets it aside in {@code rejected.log} (fsynced),
   * where an operator can read and repost it, and drops it from the spool.
   */
  void reject(Batch batch) {
    Path file = config.directory().resolve(REJECTED_FILE);
    try (FileChannel out =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      for (Pending record : batch.records()) {
        out.write(ByteBuffer.wrap(journal.read(record.offset(), record.length())));
      }
      out.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    remove(batch);
    rejected.add(batch.jobs().size());
  }

  private synchronized void remove(Batch batch) {
    for (Pending record : batch.records()) {
      if (pending.peekFirst() != record) {
        throw new IllegalStateException("only the head of the spool can leave it");
      }
      pending.removeFirst();
      pendingJobs -= record.jobs();
      pendingBytes -= record.length();
    }
    if (pending.isEmpty()) {
      try {
        journal.truncate();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot truncate the spool journal: " + e.getMessage(), e);
      }
    }
  }

  /**
   * Copies the records of every journal no live process holds into this one, then deletes them.
   *
   * @return the jobs adopted
   */
  int adoptOrphans() throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(config.directory(), JOURNAL_GLOB)) {
      dir.forEach(files::add);
    }
    int jobs = 0;
    for (Path file : files) {
      if (file.equals(journal.path())) {
        continue;
      }
      Optional<Journal> orphan = Journal.tryAdopt(file);
      if (orphan.isPresent()) {
        jobs += adopt(orphan.get());
      }
    }
    return jobs;
  }

  private int adopt(Journal orphan) throws IOException {
    try (orphan) {
      Journal.Scan scan = orphan.scan();
      long end = 0;
      int jobs = 0;
      synchronized (this) {
        for (Journal.Entry entry : scan.entries()) {
          byte[] line = orphan.read(entry.offset(), entry.length());
          end = write(line);
          pending.addLast(
              new Pending(
                  end - line.length,
                  line.length,
                  entry.record().jobs().size(),
                  entry.record().spooledAt()));
          pendingJobs += entry.record().jobs().size();
          pendingBytes += line.length;
          jobs += entry.record().jobs().size();
        }
      }
      journal.syncTo(end);
      Files.delete(orphan.path());
      syncDirectory(config.directory());
      if (jobs > 0 || scan.damaged() > 0 || scan.tornTail()) {
        log.atInfo()
            .setMessage("spool: adopted {} job(s) left by an ended process")
            .addArgument(jobs)
            .addKeyValue("file", orphan.path().getFileName())
            .addKeyValue("damaged_records", scan.damaged())
            .addKeyValue("torn_tail", scan.tornTail())
            .log();
      }
      if (scan.damaged() > 0) {
        log.error(
            "spool: {} damaged record(s) in {} could not be read and were dropped",
            scan.damaged(),
            orphan.path());
      }
      return jobs;
    }
  }

  private long write(byte[] line) {
    try {
      return journal.write(line);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the spool journal: " + e.getMessage(), e);
    }
  }

  public synchronized SpoolStats stats(boolean storeReachable) {
    Pending first = pending.peekFirst();
    Duration age =
        first == null ? Duration.ZERO : Duration.between(first.spooledAt(), clock.instant());
    return new SpoolStats(
        pendingJobs,
        pendingBytes,
        age.isNegative() ? Duration.ZERO : age,
        spooled.sum(),
        forwarded.sum(),
        rejected.sum(),
        storeReachable);
  }

  public SpoolConfig config() {
    return config;
  }

  /** This process's journal, for tests that look at the file. */
  Journal journal() {
    return journal;
  }

  synchronized boolean isEmpty() {
    return pending.isEmpty();
  }

  /**
   * Closes the journal: deleted when empty, else left for the next process with this directory to
   * adopt. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      journal.close();
      if (pending.isEmpty()) {
        Files.deleteIfExists(journal.path());
      } else {
        log.warn(
            "spool: {} job(s) stay in {} until a process with this spool directory forwards them",
            pendingJobs,
            journal.path());
      }
    } catch (IOException e) {
      log.warn("spool: cannot close {}: {}", journal.path(), e.getMessage());
    }
  }

  /** Makes a file's creation or deletion durable, as POSIX asks. */
  private static void syncDirectory(Path directory) {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Some file systems refuse to open directories; the files themselves are synced.
    }
  }

  /** Where one record lies in the journal, and what the spool counts of it. */
  record Pending(long offset, int length, int jobs, Instant spooledAt) {}

  /** Consecutive records' jobs, read back for forwarding in one store call. */
  record Batch(List<Pending> records, List<JobSpec> jobs) {}
}
