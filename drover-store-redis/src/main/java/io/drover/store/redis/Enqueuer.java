package io.drover.store.redis;

import io.drover.JobSpec;
import io.drover.JobState;
import io.drover.store.Enqueued;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Inserts jobs in pipelined steps. An id must be one job store-wide, but each queue is its own hash
 * slot, so no single script can see every queue: first {@link IdIndex} registers each id (one
 * slot), then {@code enqueue.lua} writes the jobs queue by queue, checking existence and
 * de-duplication atomically per job; last, the ids of specs that a de-duplication key turned away
 * are unregistered. A crash between steps leaves at worst a registered id without a job, which
 * every reader skips, and a retried enqueue completes.
 */
final class Enqueuer {
  /** Specs per script call: big enough to amortise the call, small enough to keep calls short. */
  private static final int CHUNK = 100;

  private static final String CREATED = "c";
  private static final String EXISTS = "e";

  private final RedisLink link;
  private final Keys keys;
  private final IdIndex index;
  private final InstantSource clock;

  Enqueuer(RedisLink link, Keys keys, IdIndex index, InstantSource clock) {
    this.link = link;
    this.keys = keys;
    this.index = index;
    this.clock = clock;
  }

  List<Enqueued> enqueue(List<JobSpec> specs) {
    if (specs.isEmpty()) {
      return List.of();
    }
    long now = clock.instant().toEpochMilli();
    List<String> holders = index.register(specs);
    Map<String, List<Integer>> byQueue = new LinkedHashMap<>();
    Enqueued[] answers = new Enqueued[specs.size()];
    for (int i = 0; i < specs.size(); i++) {
      JobSpec spec = specs.get(i);
      String holder = holders.get(i);
      if (holder.isEmpty() || holder.equals(spec.queue())) {
        byQueue.computeIfAbsent(spec.queue(), q -> new ArrayList<>()).add(i);
      } else {
        answers[i] = new Enqueued(spec.id(), false); // the id is a job of another queue
      }
    }
    Batch batch = link.batch("enqueue");
    Map<Integer, Reply<List<Object>>> replies = new LinkedHashMap<>();
    byQueue.forEach(
        (queue, indexes) -> {
          QueueKeys queueKeys = keys.queue(queue);
          for (int from = 0; from < indexes.size(); from += CHUNK) {
            List<Integer> chunk = indexes.subList(from, Math.min(indexes.size(), from + CHUNK));
            List<String> args = queueKeys.args(now);
            chunk.forEach(i -> addSpec(args, specs.get(i), now));
            replies.put(chunk.get(0), batch.list(LuaScript.ENQUEUE, queueKeys.scriptKeys(), args));
            batch.send(); // Redis inserts this chunk while the next one is prepared
          }
        });
    batch.execute();
    byQueue.forEach(
        (queue, indexes) -> {
          List<String> turnedAway = new ArrayList<>();
          for (int from = 0; from < indexes.size(); from += CHUNK) {
            List<Object> chunkAnswers = replies.get(indexes.get(from)).get();
            for (int k = 0; k < chunkAnswers.size(); k++) {
              int i = indexes.get(from + k);
              String answer = (String) chunkAnswers.get(k);
              answers[i] = answer(specs.get(i), answer);
              if (!CREATED.equals(answer) && !EXISTS.equals(answer) && holders.get(i).isEmpty()) {
                turnedAway.add(specs.get(i).id().toString());
              }
            }
          }
          if (!turnedAway.isEmpty()) {
            index.unregister("enqueue (unregister de-duplicated ids)", queue, turnedAway);
          }
        });
    return List.of(answers);
  }

  /** One spec as {@code enqueue.lua} reads it. */
  private static void addSpec(List<String> args, JobSpec spec, long now) {
    long runAt = spec.runAt() == null ? now : spec.runAt().toEpochMilli();
    JobState state = runAt > now ? JobState.SCHEDULED : JobState.WAITING;
    List<String> fields = JobHash.fields(spec, state, runAt, now);
    args.add(spec.id().toString());
    args.add(state.wireName());
    args.add(Long.toString(runAt));
    args.add(Integer.toString(spec.priority()));
    args.add(spec.dedupKey() == null ? "" : spec.dedupKey());
    args.add(Long.toString(spec.dedupWindow().toMillis()));
    args.add(Integer.toString(fields.size()));
    args.addAll(fields);
  }

  private static Enqueued answer(JobSpec spec, String answer) {
    return switch (answer) {
      case CREATED -> new Enqueued(spec.id(), true);
      case EXISTS -> new Enqueued(spec.id(), false);
      default -> new Enqueued(UUID.fromString(answer), false);
    };
  }
}
