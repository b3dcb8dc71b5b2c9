package io.drover.store.redis;

import io.drover.tck.ExternalService;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The Redis the tests use: {@code DROVER_TEST_REDIS_URL}, by default the local one. Each test gets
 * its own key prefix and deletes its keys afterwards, so tests share a server without seeing each
 * other.
 */
final class RedisTestServer {
  static final String URL =
      System.getenv().getOrDefault("DROVER_TEST_REDIS_URL", "redis://127.0.0.1:6379");

  private RedisTestServer() {}

  /** Skips the calling test, or fails it on CI, when Redis is not reachable. */
  static void require() {
    ExternalService.require(
        "Redis",
        URL,
        () -> {
          withRedis(RedisCommands::ping);
          return null;
        });
  }

  /** A prefix no other test uses. */
  static String newPrefix() {
    return "drover-test-" + UUID.randomUUID().toString().substring(0, 13);
  }

  /**
   * Deletes every key of the store with this prefix: the global ones tagged {@code {prefix}} and
   * the queues' tagged {@code {prefix:queue}}. SCAN is for tests only; the store never scans.
   */
  static void deleteKeys(String prefix) {
    withRedis(
        redis -> {
          for (String pattern : List.of("{" + prefix + "}:*", "{" + prefix + ":*")) {
            List<String> found = keys(redis, pattern);
            if (!found.isEmpty()) {
              redis.unlink(found.toArray(String[]::new));
            }
          }
        });
  }

  /** Every key matching {@code pattern}, by SCAN. */
  static List<String> keys(RedisCommands<String, String> redis, String pattern) {
    List<String> keys = new ArrayList<>();
    ScanArgs args = ScanArgs.Builder.matches(pattern).limit(1000);
    KeyScanCursor<String> cursor = redis.scan(args);
    keys.addAll(cursor.getKeys());
    while (!cursor.isFinished()) {
      cursor = redis.scan(ScanCursor.of(cursor.getCursor()), args);
      keys.addAll(cursor.getKeys());
    }
    return keys;
  }

  /** Runs {@code action} on a short-lived connection of its own. */
  static void withRedis(Consumer<RedisCommands<String, String>> action) {
    RedisClient client = RedisClient.create(URL);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      action.accept(connection.sync());
    } finally {
      client.shutdown();
    }
  }
}
