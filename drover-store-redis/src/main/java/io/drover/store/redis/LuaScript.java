package io.drover.store.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The Lua scripts, one per resource file beside this class. Every state change that touches more
 * than one key is one of them, so it happens atomically. Per-queue scripts get {@code queue.lua}
 * prepended and schedule scripts {@code schedule.lua}, which name their keys and hold the helpers
 * they share; the others stand alone.
 *
 * <p>Each script's SHA-1 is computed here, so calls go out as {@code EVALSHA} without asking the
 * server; {@link Batch} loads a script again when the server answers {@code NOSCRIPT}.
 */
enum LuaScript {
  REGISTER(null),
  UNREGISTER(null),
  ENQUEUE(Prelude.QUEUE),
  PEEK(Prelude.QUEUE),
  CLAIM(Prelude.QUEUE),
  HEARTBEAT(Prelude.QUEUE),
  COMPLETE(Prelude.QUEUE),
  FAIL(Prelude.QUEUE),
  RELEASE(Prelude.QUEUE),
  PROGRESS(Prelude.QUEUE),
  REAP_PICK(Prelude.QUEUE),
  CANCEL(Prelude.QUEUE),
  RETRY_NOW(Prelude.QUEUE),
  CLEANUP(Prelude.QUEUE),
  DELETE(Prelude.QUEUE),
  PURGE(Prelude.QUEUE),
  STATS(Prelude.QUEUE),
  SCHEDULE_SAVE(Prelude.SCHEDULE),
  SCHEDULE_DELETE(Prelude.SCHEDULE),
  SCHEDULE_PAUSE(Prelude.SCHEDULE),
  SCHEDULE_ADVANCE(Prelude.SCHEDULE),
  WORKER_REGISTER(null),
  WORKER_HEARTBEAT(null),
  WORKER_REMOVE(null);

  /** The shared beginnings of scripts: key names and helpers, in {@code <name>.lua}. */
  private enum Prelude {
    QUEUE,
    SCHEDULE
  }

  private final String source;
  private final String sha;

  LuaScript(Prelude prelude) {
    String body = resource(name());
    this.source = prelude == null ? body : resource(prelude.name()) + "\n" + body;
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
