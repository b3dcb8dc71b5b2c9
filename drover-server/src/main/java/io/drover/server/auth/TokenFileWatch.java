package io.drover.server.auth;

import io.drover.server.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tokens file, read again when it changes, so tokens are added and revoked without a restart.
 * Every {@link #CHECK_INTERVAL} the file's modification time, size and identity are compared with
 * those last read (an editor's rename-over and an in-place write both change one); {@link #reload}
 * reads it at once (the server calls it on SIGHUP). An edit that does not pass the checks keeps the
 * tokens read before and logs one ERROR naming the entry and field: a typo must not lock every
 * client out, nor let a revoked one back in.
 */
public final class TokenFileWatch implements TokenSource, AutoCloseable {
  /** Polling rather than a WatchService: it sees a file replaced through a symlink too. */
  static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(TokenFileWatch.class);

  private final Path file;
  private final ScheduledExecutorService timer;
  private volatile ApiTokens current;
  private Stamp seen; // guarded by this

  private TokenFileWatch(Path file, Stamp seen, ApiTokens first) {
    this.file = file;
    this.seen = seen;
    this.current = first;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("drover-tokens-file").daemon().factory());
  }

  /**
   * Reads the file and starts watching it.
   *
   * @throws ConfigException as {@link TokenFile#load} does, when the first read fails
   */
  public static TokenFileWatch start(Path file) {
    Stamp stamp = Stamp.of(file); // before reading: an edit during the read is seen next time
    TokenFileWatch watch = new TokenFileWatch(file, stamp, TokenFile.load(file));
    long every = CHECK_INTERVAL.toMillis();
    watch.timer.scheduleWithFixedDelay(watch::checkForChange, every, every, TimeUnit.MILLISECONDS);
    return watch;
  }

  @Override
  public ApiTokens current() {
    return current;
  }

  /** Reads the file again if it changed since it was last read. */
  synchronized void checkForChange() {
    try {
      if (!Stamp.of(file).equals(seen)) {
        reload();
      }
    } catch (RuntimeException e) {
      // A background loop never dies: the next check tries again.
      log.atError().setMessage("auth: checking the tokens file failed").setCause(e).log();
    }
  }

  /** Reads the file now; on a problem keeps the tokens read before and logs it. */
  public synchronized void reload() {
    seen = Stamp.of(file);
    ApiTokens before = current;
    try {
      current = TokenFile.load(file);
    } catch (ConfigException e) {
      log.atError()
          .setMessage("auth: tokens file not read again, keeping the {} tokens read before: {}")
          .addArgument(before.size())
          .addArgument(e.getMessage())
          .addKeyValue("file", file)
          .log();
      return;
    }
    log.atInfo()
        .setMessage("auth: tokens file read again")
        .addKeyValue("file", file)
        .addKeyValue("tokens", current.size())
        .log();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  /** What tells one version of the file from another without reading it. */
  private record Stamp(FileTime modified, long size, Object key) {
    static final Stamp MISSING = new Stamp(null, -1, null);

    static Stamp of(Path file) {
      try {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return new Stamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
      } catch (NoSuchFileException e) {
        return MISSING;
      } catch (IOException e) {
        return new Stamp(null, -2, e.toString());
      }
    }
  }
}
