package io.drover.spool;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One append-only spool file, locked by the process that writes it so no other process adopts it
 * while it lives. Appends are group-committed: each writer puts its line in the file, then waits
 * for an fsync that covers it; whoever fsyncs covers every line written before, so fifty writers at
 * once pay for a few fsyncs, not fifty.
 */
final class Journal implements AutoCloseable {
  private final Path path;
  private final FileChannel channel;
  private final FileLock lock;
  private final Object writing = new Object();
  private final ReentrantLock syncing = new ReentrantLock();
  private long written; // guarded by writing
  private long synced; // guarded by syncing
  private long syncs; // guarded by syncing; for tests of group commit

  private Journal(Path path, FileChannel channel, FileLock lock, long written) {
    this.path = path;
    this.channel = channel;
    this.lock = lock;
    this.written = written;
    this.synced = written;
  }

  /** Creates a new, empty journal file and locks it. */
  static Journal create(Path path) throws IOException {
    FileChannel channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    return new Journal(path, channel, channel.lock(), 0);
  }

  /**
   * Locks an existing journal that no live process holds, for adoption; empty if one does (this
   * process included).
   */
  static Optional<Journal> tryAdopt(Path path) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return Optional.of(new Journal(path, channel, lock, channel.size()));
      }
    } catch (OverlappingFileLockException held) {
      // held by this very process: it is not an orphan
    }
    channel.close();
    return Optional.empty();
  }

  Path path() {
    return path;
  }

  /**
   * Writes one line at the end; the caller holds whatever orders appends against truncation, and
   * calls {@link #syncTo} with the answer (without that lock) before telling anyone it is durable.
   *
   * @return the offset after the line
   */
  long write(byte[] line) throws IOException {
    synchronized (writing) {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      long at = written;
      while (buffer.hasRemaining()) {
        at += channel.write(buffer, at);
      }
      written = at;
      return at;
    }
  }

  /** Returns once every byte before {@code end} is on disk; one fsync serves every waiter. */
  void syncTo(long end) throws IOException {
    syncing.lock();
    try {
      if (synced >= end) {
        return;
      }
      long target;
      synchronized (writing) {
        target = written;
      }
      channel.force(false);
      synced = target;
      syncs++;
    } finally {
      syncing.unlock();
    }
  }

  /** Reads {@code length} bytes at {@code offset}: a line {@link #write} put there. */
  byte[] read(long offset, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, offset + buffer.position()) < 0) {
        throw new IOException("spool file " + path + " ends before offset " + (offset + length));
      }
    }
    return buffer.array();
  }

  /** Empties the file once nothing in it is pending, so a drained spool takes no disk. */
  void truncate() throws IOException {
    syncing.lock();
    try {
      synchronized (writing) {
        channel.truncate(0);
        written = 0;
      }
      channel.force(true);
      synced = 0;
    } finally {
      syncing.unlock();
    }
  }

  /** How many fsyncs appends have cost so far. */
  long syncs() {
    syncing.lock();
    try {
      return syncs;
    } finally {
      syncing.unlock();
    }
  }

  long size() {
    synchronized (writing) {
      return written;
    }
  }

  /**
   * Reads every whole record from the start. A last line without its newline, or failing its
   * checksum, is a write a crash cut short: it was never acknowledged, so it is cut off the file. A
   * damaged line before others is skipped and counted.
   */
  Scan scan() throws IOException {
    List<Entry> entries = new ArrayList<>();
    int damaged = 0;
    long offset = 0;
    long validEnd = 0;
    InputStream in = new BufferedInputStream(Channels.newInputStream(channel.position(0)));
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b != '\n') {
        line.write(b);
        continue;
      }
      byte[] bytes = line.toByteArray();
      long next = offset + bytes.length + 1;
      Optional<SpoolRecord> record = SpoolRecord.decode(bytes, bytes.length);
      if (record.isPresent()) {
        entries.add(new Entry(record.get(), offset, bytes.length + 1));
        validEnd = next;
      } else {
        damaged++;
      }
      offset = next;
      line.reset();
    }
    boolean tornTail = line.size() > 0 || validEnd < offset;
    if (tornTail) {
      // The last line is a torn write if it lacks a newline or fails, and nothing whole follows it.
      if (line.size() == 0) {
        damaged--;
      }
      synchronized (writing) {
        channel.truncate(validEnd);
        written = validEnd;
      }
      channel.force(true);
    }
    return new Scan(entries, Math.max(damaged, 0), tornTail);
  }

  /** Closes the file; the lock goes with it. */
  @Override
  public void close() throws IOException {
    if (lock.isValid()) {
      lock.release();
    }
    channel.close();
  }

  /** A record and where its line lies in the file. */
  record Entry(SpoolRecord record, long offset, int length) {}

  /**
   * What {@link #scan} found.
   *
   * @param damaged lines before the end that failed their checksum, skipped
   * @param tornTail whether a cut-off last line was removed
   */
  record Scan(List<Entry> entries, int damaged, boolean tornTail) {}
}
