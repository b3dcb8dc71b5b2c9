package io.drover.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.drover.Job;
import io.drover.JobState;
import io.drover.schedule.IntervalTrigger;
import io.drover.schedule.JobTemplate;
import io.drover.schedule.MisfirePolicy;
import io.drover.schedule.OverlapPolicy;
import io.drover.schedule.Schedule;
import io.drover.schedule.ScheduleAdvance;
import io.drover.store.CleanupRequest;
import io.drover.store.Completion;
import io.drover.store.Failure;
import io.drover.store.HeartbeatRequest;
import io.drover.store.JobChange;
import io.drover.store.JobQuery;
import io.drover.store.Subscription;
import io.drover.store.WorkerHeartbeat;
import io.drover.tck.Specs;
import io.drover.time.SettableClock;
import io.lettuce.core.AclCategory;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Connecting from a URL with an ACL user, a password and a database index, and the key layout seen
 * through such a user: one restricted to the store's own keys and channel and denied dangerous
 * commands (KEYS, CONFIG, FLUSHALL…) still runs every operation, because every key a script touches
 * carries the store's prefix in its hash tag.
 */
class RedisUrlTest {
  private static final int DATABASE = 3;

  private final String prefix = RedisTestServer.newPrefix();
  private final String user = "drover-test-" + UUID.randomUUID().toString().substring(0, 8);
  private final String password = UUID.randomUUID().toString().replace("-", "");
  private final SettableClock clock = new SettableClock(Instant.parse("2031-05-04T10:00:00Z"));
  private boolean usedRedis;
  private boolean userMade;

  @AfterEach
  void cleanUp() {
    if (!usedRedis) {
      return;
    }
    if (userMade) {
      RedisTestServer.withRedis(redis -> redis.aclDeluser(user));
    }
    RedisTestServer.withRedis(
        redis -> {
          redis.select(DATABASE);
          List<String> keys = RedisTestServer.keys(redis, "*" + prefix + "*");
          if (!keys.isEmpty()) {
            redis.unlink(keys.toArray(String[]::new));
          }
        });
  }

  @Test
  void aclUserWithPasswordAndDatabase_runsEveryOperationOnItsOwnKeysOnly() {
    requireRedis();
    makeRestrictedUser();
    RedisURI server = RedisURI.create(RedisTestServer.URL);
    String url =
        (server.isSsl() ? "rediss://" : "redis://")
            + user
            + ":"
            + password
            + "@"
            + server.getHost()
            + ":"
            + server.getPort()
            + "/"
            + DATABASE;

    try (RedisJobStore store = RedisJobStore.connect(config(url).build());
        Subscription subscription = store.subscribe(queue -> {})) {
      exerciseEveryOperation(store);

      assertThat(store.persistenceInfo().appendOnly())
          .as("CONFIG is denied to this user")
          .isEqualTo(PersistenceInfo.AppendOnly.UNKNOWN);
    }
    RedisTestServer.withRedis(
        redis -> {
          redis.select(DATABASE);
          List<String> keys = RedisTestServer.keys(redis, "*" + prefix + "*");
          assertThat(keys).as("keys in database " + DATABASE).isNotEmpty();
          assertThat(keys).allSatisfy(this::isInItsQueueSlot);
        });
  }

  @Test
  void connect_notARedisUrl_namesTheFormsThatWork() {
    assertThatThrownBy(() -> RedisJobStore.connect(config("http://127.0.0.1:6379").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("redis://")
        .hasMessageContaining("rediss://");
  }

  @Test
  void connect_prefixThatWouldBreakTheHashTags_isRejected() {
    assertThatThrownBy(
            () -> RedisJobStore.connect(config(RedisTestServer.URL).keyPrefix("a}b").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prefix");
  }

  @Test
  void persistenceInfo_saysWhatTheServerIsSetTo() {
    requireRedis();
    String[] appendOnly = new String[1];
    RedisTestServer.withRedis(
        redis -> appendOnly[0] = redis.configGet("appendonly").get("appendonly"));

    try (RedisJobStore store = RedisJobStore.connect(config(RedisTestServer.URL).build())) {
      assertThat(store.persistenceInfo().appendOnly().name()).isEqualToIgnoringCase(appendOnly[0]);
      assertThat(store.persistenceInfo().detail()).contains("appendonly=" + appendOnly[0]);
    }
  }

  private RedisConfig.Builder config(String url) {
    return RedisConfig.builder(url).keyPrefix(prefix).clock(clock);
  }

  private void requireRedis() {
    RedisTestServer.require();
    usedRedis = true;
  }

  /** A key of the store is tagged by the prefix alone, or by the prefix and its queue. */
  private void isInItsQueueSlot(String key) {
    String tag = key.substring(1, key.indexOf('}'));
    assertThat(key).startsWith("{" + prefix);
    assertThat(tag).isIn(prefix, prefix + ":mail", prefix + ":scrape.eu");
    assertThat(SlotHash.getSlot(key)).isEqualTo(SlotHash.getSlot("{" + tag + "}"));
  }

  private void makeRestrictedUser() {
    try {
      RedisTestServer.withRedis(
          redis ->
              redis.aclSetuser(
                  user,
                  AclSetuserArgs.Builder.on()
                      .addPassword(password)
                      .keyPattern("{" + prefix + "}*")
                      .keyPattern("{" + prefix + ":*")
                      .channelPattern(prefix + ":*")
                      .allCommands()
                      .removeCategory(AclCategory.ADMIN)
                      .removeCategory(AclCategory.DANGEROUS)));
      userMade = true;
    } catch (RedisException e) {
      assumeTrue(false, "the test Redis refuses ACL SETUSER: " + e.getMessage());
    }
  }

  private void exerciseEveryOperation(RedisJobStore store) {
    store.registerWorker(Specs.worker("w-1", clock.instant()));
    store.heartbeatWorker(new WorkerHeartbeat("w-1", 2));
    store.pauseQueue("scrape.eu");
    store.resumeQueue("scrape.eu");
    store.enqueue(List.of(Specs.job("mail").dedupKey("k").build(), Specs.spec("scrape.eu")));
    store.enqueue(List.of(Specs.job("mail").runAt(clock.instant().plusSeconds(5)).build()));
    clock.advance(Duration.ofSeconds(10));
    List<Job> claimed = store.claim(Specs.claim("w-1", 3, "*"));
    assertThat(claimed).hasSize(3);
    store.heartbeat(new HeartbeatRequest("w-1", List.of(claimed.get(0).lease()), Specs.LEASE));
    store.complete(List.of(new Completion(claimed.get(0).lease(), "{}")));
    Job failing = claimed.get(1);
    store.fail(
        List.of(new Failure(failing.lease(), Specs.error(failing, "x", clock.instant()), null)));
    clock.advance(Specs.LEASE.plusSeconds(1));
    assertThat(store.reapExpiredLeases(Specs.reap(10)))
        .extracting(JobChange::id)
        .containsExactly(claimed.get(2).id());
    store.retryNow(failing.id());
    store.cancel(failing.id());
    assertThat(store.list(JobQuery.all().withState(JobState.COMPLETED)).jobs()).hasSize(1);
    assertThat(store.stats()).hasSize(2);
    clock.advance(Duration.ofDays(30));
    assertThat(store.cleanup(CleanupRequest.DEFAULT)).isEqualTo(2);
    store.removeWorker("w-1");
    Schedule ticker =
        Schedule.create(
            "ticker",
            new IntervalTrigger(Duration.ofMinutes(1), clock.instant(), ZoneOffset.UTC),
            JobTemplate.of("mail", "tick", "{}"),
            Schedule.DEFAULT_MISFIRE_GRACE,
            MisfirePolicy.SKIP,
            OverlapPolicy.ALLOW,
            null,
            null,
            false,
            clock.instant());
    store.schedules().saveSchedule(ticker);
    store.schedules().pauseSchedule("ticker", true);
    store.schedules().pauseSchedule("ticker", false);
    clock.advance(Duration.ofMinutes(2));
    assertThat(store.schedules().dueSchedules(10)).hasSize(1);
    Instant next = ticker.nextFireAt();
    assertThat(
            store
                .schedules()
                .advanceSchedule(
                    new ScheduleAdvance("ticker", next, next, next.plusSeconds(60), null)))
        .isTrue();
    assertThat(store.schedules().deleteSchedule("ticker")).isTrue();
  }
}
