package io.drover.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.Job;
import io.drover.JobState;
import io.drover.store.Completion;
import io.drover.tck.Specs;
import io.drover.time.SettableClock;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A server that forgot the scripts (restart, SCRIPT FLUSH) answers NOSCRIPT; the store reloads. */
class ScriptReloadTest {
  private final String prefix = RedisTestServer.newPrefix();
  private RedisJobStore store;

  @BeforeEach
  void connect() {
    RedisTestServer.require();
    store =
        RedisJobStore.connect(
            RedisConfig.builder(RedisTestServer.URL)
                .keyPrefix(prefix)
                .clock(new SettableClock(Instant.parse("2031-05-04T10:00:00Z")))
                .build());
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
      RedisTestServer.deleteKeys(prefix);
    }
  }

  @Test
  void scriptCacheFlushed_isRecoveredByLoadingTheScriptsAgain() {
    RedisTestServer.withRedis(RedisCommands::scriptFlush);
    store.enqueue(Specs.specs("mail", 2));

    RedisTestServer.withRedis(RedisCommands::scriptFlush);
    List<Job> claimed = store.claim(Specs.claim(Specs.WORKER, 1, "mail"));

    RedisTestServer.withRedis(RedisCommands::scriptFlush);
    store.complete(List.of(new Completion(claimed.get(0).lease(), "{}")));

    assertThat(store.get(claimed.get(0).id()).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
    assertThat(store.stats().get(0).count(JobState.WAITING)).isEqualTo(1);
    RedisTestServer.withRedis(
        redis ->
            assertThat(redis.scriptExists(LuaScript.COMPLETE.sha()))
                .as("the script is cached again")
                .containsExactly(true));
  }
}
