package io.drover.store.redis;

import io.drover.JobState;
import io.drover.store.JobPage;
import io.drover.workflow.ParentResult;
import io.drover.workflow.Run;
import io.drover.workflow.RunHead;
import io.drover.workflow.RunPage;
import io.drover.workflow.RunQuery;
import io.drover.workflow.Step;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads runs with plain commands in pipelines: a run's hash and step list, then its steps' job
 * hashes; pages of runs newest first from the run index, their step counts by {@code
 * run_counts.lua}; a step's parents by {@code parents.lua}. Nothing here writes.
 */
final class RunReader {
  /** Runs examined per round trip while a page with filters fills up. */
  private static final int SCAN = 200;

  private final RedisLink link;
  private final Keys keys;

  RunReader(RedisLink link, Keys keys) {
    this.link = link;
    this.keys = keys;
  }

  Optional<RunHead> head(UUID runId) {
    Batch batch = link.batch("get run head");
    Reply<Map<String, String>> hash = batch.command(c -> c.hgetall(keys.run(runId)));
    batch.execute();
    return RunHash.isRun(hash.get()) ? Optional.of(RunHash.head(hash.get())) : Optional.empty();
  }

  Optional<Run> run(UUID runId) {
    Batch batch = link.batch("get run");
    Reply<Map<String, String>> hash = batch.command(c -> c.hgetall(keys.run(runId)));
    Reply<List<String>> entries = batch.command(c -> c.lrange(keys.runSteps(runId), 0, -1));
    batch.execute();
    if (!RunHash.isRun(hash.get())) {
      return Optional.empty();
    }
    Batch reads = link.batch("get run (steps)");
    List<Reply<Map<String, String>>> hashes = new ArrayList<>(entries.get().size());
    List<Reply<Double>> leaseEnds = new ArrayList<>(entries.get().size());
    for (String text : entries.get()) {
      StepEntry entry = StepEntry.parse(text);
      QueueKeys queue = keys.queue(entry.queue());
      String id = entry.id().toString();
      hashes.add(reads.command(c -> c.hgetall(queue.job(entry.id()))));
      leaseEnds.add(reads.command(c -> c.zscore(queue.leases(), id)));
    }
    reads.execute();
    Map<UUID, String> names = new HashMap<>();
    for (Reply<Map<String, String>> step : hashes) {
      Map<String, String> fields = step.get();
      if (!fields.isEmpty()) {
        names.put(UUID.fromString(fields.get(JobHash.ID)), fields.get(StepHash.STEP));
      }
    }
    List<Step> steps = new ArrayList<>(hashes.size());
    Map<JobState, Integer> counts = new EnumMap<>(JobState.class);
    for (int i = 0; i < hashes.size(); i++) {
      if (!hashes.get(i).get().isEmpty()) {
        Step step = StepHash.decode(hashes.get(i).get(), leaseEnds.get(i).get(), names);
        steps.add(step);
        counts.merge(step.job().state(), 1, Integer::sum);
      }
    }
    return Optional.of(RunHash.run(hash.get(), counts, steps));
  }

  /** Runs newest first (by id), filtered, each with its step counts but without its steps. */
  RunPage runs(RunQuery query) {
    String before = query.cursor() == null ? null : JobPage.decodeCursor(query.cursor()).toString();
    List<Map<String, String>> matching = new ArrayList<>();
    while (matching.size() <= query.limit()) {
      List<String> ids = idsBelow(before);
      Batch batch = link.batch("list runs");
      List<Reply<Map<String, String>>> hashes = new ArrayList<>(ids.size());
      for (String id : ids) {
        hashes.add(batch.command(c -> c.hgetall(keys.run(UUID.fromString(id)))));
      }
      batch.execute();
      for (Reply<Map<String, String>> hash : hashes) {
        if (RunHash.isRun(hash.get())
            && matches(query, RunHash.head(hash.get()))
            && matching.size() <= query.limit()) {
          matching.add(hash.get());
        }
      }
      if (ids.size() < SCAN) {
        break;
      }
      before = ids.getLast();
    }
    Batch batch = link.batch("list runs (counts)");
    List<Reply<List<Object>>> counted = new ArrayList<>(matching.size());
    for (Map<String, String> hash : matching) {
      UUID id = UUID.fromString(hash.get(RunHash.ID));
      counted.add(
          batch.list(LuaScript.RUN_COUNTS, List.of(keys.runSteps(id)), List.of(keys.prefix())));
    }
    batch.execute();
    List<Run> runs = new ArrayList<>(matching.size());
    for (int i = 0; i < matching.size(); i++) {
      Map<JobState, Integer> counts = new EnumMap<>(JobState.class);
      List<Object> pairs = counted.get(i).get();
      for (int at = 0; at + 1 < pairs.size(); at += 2) {
        counts.put(
            JobState.fromWire((String) pairs.get(at)), ((Long) pairs.get(at + 1)).intValue());
      }
      runs.add(RunHash.run(matching.get(i), counts, List.of()));
    }
    return RunPage.of(runs, query.limit());
  }

  /** The parents of a step by name, in its depends_on order; empty for a plain job. */
  Map<String, ParentResult> parents(UUID jobId) {
    Batch batch = link.batch("parents");
    Reply<List<Object>> reply =
        batch.list(
            LuaScript.PARENTS, List.of(keys.jobQueues()), List.of(keys.prefix(), jobId.toString()));
    batch.execute();
    Map<String, ParentResult> parents = new LinkedHashMap<>();
    List<Object> rows = reply.get();
    for (int at = 0; at + 2 < rows.size(); at += 3) {
      String result = (String) rows.get(at + 2);
      parents.put(
          (String) rows.get(at),
          new ParentResult(
              JobState.fromWire((String) rows.get(at + 1)),
              result.isEmpty() ? null : result.substring(1)));
    }
    return parents;
  }

  private List<String> idsBelow(String before) {
    Range.Boundary<String> upper =
        before == null ? Range.Boundary.unbounded() : Range.Boundary.excluding(before);
    Range<String> range = Range.from(Range.Boundary.unbounded(), upper);
    Batch batch = link.batch("list runs (index)");
    Reply<List<String>> ids =
        batch.command(c -> c.zrevrangebylex(keys.runIndex(), range, Limit.create(0, SCAN)));
    batch.execute();
    return ids.get();
  }

  private static boolean matches(RunQuery query, RunHead run) {
    return (query.state() == null || query.state() == run.state())
        && (query.name() == null || query.name().equals(run.name()))
        && (query.createdFrom() == null || !run.createdAt().isBefore(query.createdFrom()))
        && (query.createdTo() == null || run.createdAt().isBefore(query.createdTo()));
  }
}
