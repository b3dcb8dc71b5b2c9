package io.drover.store.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The Lua scripts, one per resource file beside this class. Every state change that touches more
 * than one key is one of them, so it happens atomically. Per-queue scripts get {@code common.lua}
 * and {@code queue.lua} prepended, those that move runs on {@code run.lua} too, and schedule
 * scripts {@code schedule.lua}: they name their keys and hold the helpers the scripts share; the
 * others stand alone.
 *
 * <p>Each script's SHA-1 is computed here, so calls go out as {@code EVALSHA} without asking the
 * server; {@link Batch} loads a script again when the server answers {@code NOSCRIPT}.
 */
enum LuaScript {
  REGISTER(Prelude.NONE),
  UNREGISTER(Prelude.NONE),
  ENQUEUE(Prelude.QUEUE),
  PEEK(Prelude.QUEUE),
  CLAIM(Prelude.CLAIM),
  HEARTBEAT(Prelude.QUEUE),
  COMPLETE(Prelude.QUEUE_RUN),
  FAIL(Prelude.QUEUE_RUN),
  RELEASE(Prelude.QUEUE),
  PROGRESS(Prelude.QUEUE),
  REAP_PICK(Prelude.QUEUE),
  CANCEL(Prelude.QUEUE_RUN),
  RETRY_NOW(Prelude.QUEUE),
  CLEANUP(Prelude.QUEUE),
  DELETE(Prelude.QUEUE),
  PURGE(Prelude.QUEUE),
  STATS(Prelude.QUEUE),
  FAN_OUT(Prelude.QUEUE_RUN),
  RUN_STAGE(Prelude.RUN),
  RUN_OPEN(Prelude.RUN),
  RUN_CANCEL(Prelude.RUN),
  RUN_RETRY(Prelude.RUN),
  RUN_DELETE(Prelude.RUN),
  RUN_SIGNAL(Prelude.RUN),
  RUN_FIRE(Prelude.RUN),
  RUN_COUNTS(Prelude.NONE),
  PARENTS(Prelude.NONE),
  SCHEDULE_SAVE(Prelude.SCHEDULE),
  SCHEDULE_DELETE(Prelude.SCHEDULE),
  SCHEDULE_PAUSE(Prelude.SCHEDULE),
  SCHEDULE_ADVANCE(Prelude.SCHEDULE),
  WORKER_REGISTER(Prelude.NONE),
  WORKER_HEARTBEAT(Prelude.NONE),
  WORKER_REMOVE(Prelude.NONE),
  LIMIT_SAVE(Prelude.LIMITS),
  LIMIT_DELETE(Prelude.LIMITS),
  LIMIT_READ(Prelude.NONE),
  LIMIT_WAITING(Prelude.QUEUE);

  /** The shared beginnings of scripts: key names and helpers, in these files, in this order. */
  private enum Prelude {
    NONE(),
    QUEUE("common", "lanes", "queue"),
    CLAIM("common", "lanes", "queue", "claim_limited"),
    /** Acknowledgements that move a step's run on. */
    QUEUE_RUN("common", "lanes", "queue", "run"),
    RUN("common", "lanes", "run"),
    /** Scripts that change limits, across queues. */
    LIMITS("common", "lanes"),
    SCHEDULE("schedule");

    private final List<String> files;

    Prelude(String... files) {
      this.files = List.of(files);
    }
  }

  private final String source;
  private final String sha;

  LuaScript(Prelude prelude) {
    StringBuilder text = new StringBuilder();
    for (String file : prelude.files) {
      text.append(resource(file)).append('\n');
    }
    this.source = text.append(resource(name())).toString();
    this.sha = sha1(source);
  }

  String source() {
    return source;
  }

  String sha() {
    return sha;
  }

  private static String resource(String name) {
    String file = name.toLowerCase(Locale.ROOT) + ".lua";
    try (InputStream in = LuaScript.class.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("missing Lua script resource " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Lua script resource " + file, e);
    }
  }

  private static String sha1(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-1", e);
    }
  }
}
