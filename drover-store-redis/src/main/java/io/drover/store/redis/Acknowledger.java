package io.drover.store.redis;

import io.drover.JobState;
import io.drover.store.AnswerMatcher;
import io.drover.store.Completion;
import io.drover.store.Failure;
import io.drover.store.HeartbeatRequest;
import io.drover.store.JobChange;
import io.drover.store.LeaseRef;
import io.drover.store.ProgressUpdate;
import io.drover.store.Release;
import io.drover.store.StoredJson;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Everything a lease holder reports: heartbeats, progress, success, failure, release. Each batch
 * becomes one script call per queue (in chunks), all sent in one pipeline; the scripts check the
 * lease token, so a holder that lost its lease changes nothing, and answer what they changed.
 */
final class Acknowledger {
  /** Acknowledgements per script call, so that no single call keeps the server busy for long. */
  private static final int CHUNK = 500;

  /** Fields a job in a script's answer: id, kind, attempt, state ({@code answer} in queue.lua). */
  private static final int ANSWER_FIELDS = 4;

  private final RedisLink link;
  private final Keys keys;
  private final QueueLocator locator;
  private final InstantSource clock;

  /** One script call: its queue, the batch positions of the items it carries, and its reply. */
  private record Call(String queue, List<Integer> positions, Reply<List<Object>> reply) {}

  Acknowledger(RedisLink link, Keys keys, QueueLocator locator, InstantSource clock) {
    this.link = link;
    this.keys = keys;
    this.locator = locator;
    this.clock = clock;
  }

  Set<UUID> heartbeat(HeartbeatRequest request) {
    Instant now = clock.instant();
    String leaseEnd = Long.toString(now.plus(request.lease()).toEpochMilli());
    List<Call> calls =
        send(
            "heartbeat",
            LuaScript.HEARTBEAT,
            now,
            List.of(leaseEnd),
            request.leases(),
            byQueue(request.leases(), Function.identity()),
            Function.identity(),
            (lease, args) -> {});
    Set<UUID> kept = new LinkedHashSet<>();
    for (Call call : calls) {
      for (Object id : call.reply().get()) {
        kept.add(UUID.fromString((String) id));
      }
    }
    return kept;
  }

  List<JobChange> complete(List<Completion> completions) {
    List<JobChange> done =
        acknowledge(
            "complete",
            LuaScript.COMPLETE,
            completions,
            Completion::lease,
            (completion, args) -> args.add(optionalText(completion.result())));
    locator.forget(ids(completions, Completion::lease));
    return done;
  }

  List<JobChange> fail(List<Failure> failures) {
    List<JobChange> done = fail(failures, byQueue(failures, Failure::lease), false);
    locator.forget(ids(failures, Failure::lease));
    return done;
  }

  /**
   * Fails jobs of known queues only while their lease is still expired: the reaper's second step,
   * so that a heartbeat arriving between its pick and this call wins.
   */
  List<JobChange> failExpired(List<Failure> failures, Map<UUID, String> queues) {
    return fail(failures, group(failures, Failure::lease, queues), true);
  }

  List<JobChange> release(List<Release> releases) {
    List<JobChange> done =
        acknowledge("release", LuaScript.RELEASE, releases, Release::lease, (release, args) -> {});
    locator.forget(ids(releases, Release::lease));
    return done;
  }

  List<JobChange> updateProgress(List<ProgressUpdate> updates) {
    return acknowledge(
        "progress",
        LuaScript.PROGRESS,
        updates,
        ProgressUpdate::lease,
        (update, args) -> {
          args.add(Integer.toString(update.progress().percent()));
          args.add(optionalText(update.progress().message()));
        });
  }

  /** Sends items that record no failure to {@code script} in their jobs' queues. */
  private <T> List<JobChange> acknowledge(
      String operation,
      LuaScript script,
      List<T> items,
      Function<T, LeaseRef> lease,
      BiConsumer<T, List<String>> extraArgs) {
    List<Call> calls =
        send(
            operation,
            script,
            clock.instant(),
            List.of(),
            items,
            byQueue(items, lease),
            lease,
            extraArgs);
    return changes(calls, items, lease, item -> null);
  }

  private List<JobChange> fail(
      List<Failure> failures, Map<String, List<Integer>> positions, boolean onlyExpired) {
    List<Call> calls =
        send(
            onlyExpired ? "reap" : "fail",
            LuaScript.FAIL,
            clock.instant(),
            List.of(onlyExpired ? "1" : "0"),
            failures,
            positions,
            Failure::lease,
            (failure, args) -> {
              args.add(StoredJson.error(failure.error()));
              args.add(
                  failure.retryAt() == null ? "" : Long.toString(failure.retryAt().toEpochMilli()));
            });
    return changes(calls, failures, Failure::lease, Function.identity());
  }

  /**
   * Reads the answers of the scripts that {@link #send} called for {@code items}.
   *
   * @param failureOf the failed attempt an item records, or null: it gave the script the retry time
   *     and the error
   * @return what changed, in the items' order
   */
  private static <T> List<JobChange> changes(
      List<Call> calls,
      List<T> items,
      Function<T, LeaseRef> lease,
      Function<T, Failure> failureOf) {
    JobChange[] byPosition = new JobChange[items.size()];
    for (Call call : calls) {
      AnswerMatcher<Integer> answered =
          new AnswerMatcher<>(call.positions(), position -> lease.apply(items.get(position)));
      List<Object> answer = call.reply().get();
      for (int at = 0; at < answer.size(); at += ANSWER_FIELDS) {
        UUID id = UUID.fromString((String) answer.get(at));
        int position = answered.itemFor(id);
        Failure failure = failureOf.apply(items.get(position));
        JobState state = JobState.fromWire((String) answer.get(at + 3));
        byPosition[position] =
            new JobChange(
                id,
                call.queue(),
                (String) answer.get(at + 1),
                Integer.parseInt((String) answer.get(at + 2)),
                state,
                state == JobState.RETRYING
                    ? Instant.ofEpochMilli(failure.retryAt().toEpochMilli())
                    : null,
                failure == null ? null : failure.error().message());
      }
    }
    return Arrays.stream(byPosition).filter(Objects::nonNull).toList();
  }

  /** How {@code *.lua} take optional text: '' for none, else '=' and the text. */
  private static String optionalText(String text) {
    return text == null ? "" : "=" + text;
  }

  /** The positions of the items, by the queue of their job; items of no job are left out. */
  private <T> Map<String, List<Integer>> byQueue(List<T> items, Function<T, LeaseRef> lease) {
    return group(items, lease, locator.locate(ids(items, lease)));
  }

  private static <T> Map<String, List<Integer>> group(
      List<T> items, Function<T, LeaseRef> lease, Map<UUID, String> queues) {
    Map<String, List<Integer>> grouped = new LinkedHashMap<>();
    for (int position = 0; position < items.size(); position++) {
      String queue = queues.get(lease.apply(items.get(position)).jobId());
      if (queue != null) {
        grouped.computeIfAbsent(queue, q -> new ArrayList<>()).add(position);
      }
    }
    return grouped;
  }

  private static <T> List<UUID> ids(List<T> items, Function<T, LeaseRef> lease) {
    return items.stream().map(item -> lease.apply(item).jobId()).toList();
  }

  /**
   * Calls {@code script} per queue with the header, {@code fixedArgs}, then per item its id, token
   * and what {@code extraArgs} adds, all in one pipeline.
   */
  private <T> List<Call> send(
      String operation,
      LuaScript script,
      Instant now,
      List<String> fixedArgs,
      List<T> items,
      Map<String, List<Integer>> positions,
      Function<T, LeaseRef> lease,
      BiConsumer<T, List<String>> extraArgs) {
    Batch batch = link.batch(operation);
    List<Call> calls = new ArrayList<>();
    positions.forEach(
        (queue, inQueue) -> {
          QueueKeys queueKeys = keys.queue(queue);
          for (int from = 0; from < inQueue.size(); from += CHUNK) {
            List<Integer> chunk = inQueue.subList(from, Math.min(inQueue.size(), from + CHUNK));
            List<String> args = queueKeys.args(now.toEpochMilli());
            args.addAll(fixedArgs);
            for (int position : chunk) {
              T item = items.get(position);
              LeaseRef held = lease.apply(item);
              args.add(held.jobId().toString());
              args.add(Long.toString(held.token()));
              extraArgs.accept(item, args);
            }
            calls.add(new Call(queue, chunk, batch.list(script, queueKeys.scriptKeys(), args)));
          }
        });
    batch.execute();
    return calls;
  }
}
