package io.drover.store.redis;

import io.drover.store.StoredJson;
import io.drover.store.WorkerInfo;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The worker registry: a hash per worker and a set of their ids, all under the global tag. */
final class WorkerRegistry {
  private static final String ID = "id";
  private static final String HOST = "host";
  private static final String QUEUES = "queues";
  private static final String CONCURRENCY = "concurrency";
  private static final String RUNNING = "running";
  private static final String STARTED_AT = "started_at";
  private static final String LAST_HEARTBEAT = "last_heartbeat";

  private final RedisLink link;
  private final Keys keys;
  private final InstantSource clock;

  WorkerRegistry(RedisLink link, Keys keys, InstantSource clock) {
    this.link = link;
    this.keys = keys;
    this.clock = clock;
  }

  void register(WorkerInfo worker) {
    List<String> args = new ArrayList<>();
    args.add(worker.id());
    put(args, ID, worker.id());
    put(args, HOST, worker.host());
    put(args, QUEUES, StoredJson.strings(worker.queues()));
    put(args, CONCURRENCY, Integer.toString(worker.concurrency()));
    put(args, RUNNING, Integer.toString(worker.running()));
    put(args, STARTED_AT, millis(worker.startedAt()));
    put(args, LAST_HEARTBEAT, millis(worker.lastHeartbeat()));
    run("register worker", LuaScript.WORKER_REGISTER, workerKeys(worker.id()), args);
  }

  void heartbeat(String workerId, int running) {
    String now = Long.toString(clock.instant().toEpochMilli());
    run(
        "heartbeat worker",
        LuaScript.WORKER_HEARTBEAT,
        List.of(keys.worker(workerId)),
        List.of(Integer.toString(running), now));
  }

  void remove(String workerId) {
    run("remove worker", LuaScript.WORKER_REMOVE, workerKeys(workerId), List.of(workerId));
  }

  /** Sorted by id. */
  List<WorkerInfo> list() {
    Batch ids = link.batch("list workers");
    Reply<Set<String>> members = ids.command(c -> c.smembers(keys.workers()));
    ids.execute();
    Batch batch = link.batch("list workers");
    List<Reply<Map<String, String>>> hashes = new ArrayList<>();
    for (String id : members.get().stream().sorted().toList()) {
      hashes.add(batch.command(c -> c.hgetall(keys.worker(id))));
    }
    batch.execute();
    List<WorkerInfo> workers = new ArrayList<>();
    for (Reply<Map<String, String>> reply : hashes) {
      Map<String, String> hash = reply.get();
      if (!hash.isEmpty()) {
        workers.add(
            new WorkerInfo(
                hash.get(ID),
                hash.get(HOST),
                StoredJson.strings(hash.get(QUEUES)),
                Integer.parseInt(hash.get(CONCURRENCY)),
                Integer.parseInt(hash.get(RUNNING)),
                instant(hash.get(STARTED_AT)),
                instant(hash.get(LAST_HEARTBEAT))));
      }
    }
    return workers;
  }

  private List<String> workerKeys(String workerId) {
    return List.of(keys.workers(), keys.worker(workerId));
  }

  private void run(String operation, LuaScript script, List<String> scriptKeys, List<String> args) {
    Batch batch = link.batch(operation);
    batch.integer(script, scriptKeys, args);
    batch.execute();
  }

  /** Absent times are stored as "", since a hash field cannot hold a null. */
  private static String millis(Instant instant) {
    return instant == null ? "" : Long.toString(instant.toEpochMilli());
  }

  private static Instant instant(String millis) {
    return millis.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(millis));
  }

  private static void put(List<String> args, String field, String value) {
    args.add(field);
    args.add(value);
  }
}
