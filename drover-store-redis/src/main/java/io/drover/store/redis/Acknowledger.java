package io.drover.store.redis;

import io.drover.store.Completion;
import io.drover.store.Failure;
import io.drover.store.HeartbeatRequest;
import io.drover.store.LeaseRef;
import io.drover.store.ProgressUpdate;
import io.drover.store.Release;
import io.drover.store.StoredJson;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Everything a lease holder reports: heartbeats, progress, success, failure, release. Each batch
 * becomes one script call per queue (in chunks), all sent in one pipeline; the scripts check the
 * lease token, so a holder that lost its lease changes nothing.
 */
final class Acknowledger {
  /** Acknowledgements per script call, so that no single call keeps the server busy for long. */
  private static final int CHUNK = 500;

  private final RedisLink link;
  private final Keys keys;
  private final QueueLocator locator;
  private final InstantSource clock;

  Acknowledger(RedisLink link, Keys keys, QueueLocator locator, InstantSource clock) {
    this.link = link;
    this.keys = keys;
    this.locator = locator;
    this.clock = clock;
  }

  Set<UUID> heartbeat(HeartbeatRequest request) {
    Instant now = clock.instant();
    String leaseEnd = Long.toString(now.plus(request.lease()).toEpochMilli());
    return send(
        "heartbeat",
        LuaScript.HEARTBEAT,
        now,
        List.of(leaseEnd),
        byQueue(request.leases(), Function.identity()),
        Function.identity(),
        (lease, args) -> {});
  }

  Set<UUID> complete(List<Completion> completions) {
    Set<UUID> done =
        send(
            "complete",
            LuaScript.COMPLETE,
            clock.instant(),
            List.of(),
            byQueue(completions, Completion::lease),
            Completion::lease,
            (completion, args) -> args.add(optionalText(completion.result())));
    locator.forget(ids(completions, Completion::lease));
    return done;
  }

  Set<UUID> fail(List<Failure> failures) {
    Set<UUID> done = fail(byQueue(failures, Failure::lease), false);
    locator.forget(ids(failures, Failure::lease));
    return done;
  }

  /**
   * Fails jobs of known queues only while their lease is still expired: the reaper's second step,
   * so that a heartbeat arriving between its pick and this call wins.
   */
  Set<UUID> failExpired(Map<String, List<Failure>> failuresByQueue) {
    return fail(failuresByQueue, true);
  }

  Set<UUID> release(List<Release> releases) {
    Set<UUID> done =
        send(
            "release",
            LuaScript.RELEASE,
            clock.instant(),
            List.of(),
            byQueue(releases, Release::lease),
            Release::lease,
            (release, args) -> {});
    locator.forget(ids(releases, Release::lease));
    return done;
  }

  Set<UUID> updateProgress(List<ProgressUpdate> updates) {
    return send(
        "progress",
        LuaScript.PROGRESS,
        clock.instant(),
        List.of(),
        byQueue(updates, ProgressUpdate::lease),
        ProgressUpdate::lease,
        (update, args) -> {
          args.add(Integer.toString(update.progress().percent()));
          args.add(optionalText(update.progress().message()));
        });
  }

  private Set<UUID> fail(Map<String, List<Failure>> failuresByQueue, boolean onlyExpired) {
    return send(
        onlyExpired ? "reap" : "fail",
        LuaScript.FAIL,
        clock.instant(),
        List.of(onlyExpired ? "1" : "0"),
        failuresByQueue,
        Failure::lease,
        (failure, args) -> {
          args.add(StoredJson.error(failure.error()));
          args.add(
              failure.retryAt() == null ? "" : Long.toString(failure.retryAt().toEpochMilli()));
        });
  }

  /** How {@code *.lua} take optional text: '' for none, else '=' and the text. */
  private static String optionalText(String text) {
    return text == null ? "" : "=" + text;
  }

  private <T> Map<String, List<T>> byQueue(List<T> items, Function<T, LeaseRef> lease) {
    Map<UUID, String> queues = locator.locate(ids(items, lease));
    Map<String, List<T>> grouped = new LinkedHashMap<>();
    for (T item : items) {
      String queue = queues.get(lease.apply(item).jobId());
      if (queue != null) {
        grouped.computeIfAbsent(queue, q -> new ArrayList<>()).add(item);
      }
    }
    return grouped;
  }

  private static <T> List<UUID> ids(List<T> items, Function<T, LeaseRef> lease) {
    return items.stream().map(item -> lease.apply(item).jobId()).toList();
  }

  /**
   * Calls {@code script} per queue with the header, {@code fixedArgs}, then per item its id, token
   * and what {@code extraArgs} adds; returns the ids the scripts answered with.
   */
  private <T> Set<UUID> send(
      String operation,
      LuaScript script,
      Instant now,
      List<String> fixedArgs,
      Map<String, List<T>> itemsByQueue,
      Function<T, LeaseRef> lease,
      BiConsumer<T, List<String>> extraArgs) {
    Batch batch = link.batch(operation);
    List<Reply<List<Object>>> replies = new ArrayList<>();
    itemsByQueue.forEach(
        (queue, items) -> {
          QueueKeys queueKeys = keys.queue(queue);
          for (int from = 0; from < items.size(); from += CHUNK) {
            List<String> args = queueKeys.args(now.toEpochMilli());
            args.addAll(fixedArgs);
            for (T item : items.subList(from, Math.min(items.size(), from + CHUNK))) {
              LeaseRef held = lease.apply(item);
              args.add(held.jobId().toString());
              args.add(Long.toString(held.token()));
              extraArgs.accept(item, args);
            }
            replies.add(batch.list(script, queueKeys.scriptKeys(), args));
          }
        });
    batch.execute();
    Set<UUID> done = new LinkedHashSet<>();
    for (Reply<List<Object>> reply : replies) {
      for (Object id : reply.get()) {
        done.add(UUID.fromString((String) id));
      }
    }
    return done;
  }
}
