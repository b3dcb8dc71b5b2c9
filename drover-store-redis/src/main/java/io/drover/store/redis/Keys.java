package io.drover.store.redis;

import io.drover.workflow.RunState;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Names every key the store uses, all starting with the configured prefix. Keys that span queues
 * share the hash tag {@code {prefix}}; each queue's keys share {@code {prefix:queue}}, so on Redis
 * Cluster one queue lives in one slot and each script touches a single slot:
 *
 * <pre>
 * {prefix}:jobs                  sorted set of every job id, score 0, so in id order
 * {prefix}:job-queues            hash: job id to its queue
 * {prefix}:queues                set of queue names (enqueued into or paused)
 * {prefix}:workers               set of worker ids
 * {prefix}:worker:&lt;id&gt;          hash: one registered worker
 * {prefix}:schedules             sorted set of schedule names, score 0, so in name order
 * {prefix}:schedules-due         sorted set: unpaused schedule names by next fire time
 * {prefix}:schedule:&lt;name&gt;      hash: one schedule's definition and where it stands
 * {prefix}:limits                sorted set of limit names, score 0, so in name order
 * {prefix}:limit:&lt;name&gt;         hash: one limit's spec (LimitHash)
 * {prefix}:limit-gens            hash: limit name to its generation
 * {prefix}:limits-version        string: bumped by every change of a limit, checked by claims
 * {prefix}:limit:&lt;name&gt;:&lt;gen&gt;:  active (hash: running governed jobs per key), running (all),
 *                                tats (sorted set: keys by GCRA arrival time in µs)
 * {prefix:queue}:job:&lt;id&gt;       hash: one job
 * {prefix:queue}:ready           sorted set: due claimable jobs in claim order
 * {prefix:queue}:delayed         sorted set: claimable jobs by run_at, until due
 * {prefix:queue}:leases          sorted set: active jobs by lease end (kept nowhere else)
 * {prefix:queue}:finished:&lt;state&gt; sorted set: completed, failed, cancelled jobs by finished_at
 * {prefix:queue}:counts          hash: jobs per state
 * {prefix:queue}:meta            hash: paused flag; lanes, slots and turns for limits (lanes.lua)
 * {prefix:queue}:lanes           sorted set: a governed queue's lanes by their first job
 * {prefix:queue}:lane:&lt;lane&gt;     sorted set: claimable jobs of one priority, kind and key
 * {prefix:queue}:served          hash: lane to the turn it was last served in (fair queues)
 * {prefix:queue}:dedup:&lt;key&gt;     string: the job holding a de-duplication key
 * {prefix}:runs                  sorted set of every run id, score 0, so in id order
 * {prefix}:runs-settled:&lt;state&gt; sorted set: settled runs by finished_at, for retention
 * {prefix}:waits                 sorted set: armed waits of steps by wake time
 * {prefix:run/&lt;id&gt;}:...        one run's keys: run, steps, names, children, signals, roots
 *                                (run.lua lists them)
 * prefix:wakeups                 pub/sub channel: names of queues that got claimable jobs
 * prefix:events                  pub/sub channel: job events, a JSON array per message
 * </pre>
 *
 * A step of a run is a job of its queue, with its step's fields in its hash; its run's keys share
 * the run's own tag, so scripts that move runs on span slots. Single-node and Sentinel Redis run
 * them; Redis Cluster does not (issue #19).
 */
final class Keys {
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private final String prefix;
  private final String global;

  Keys(String prefix) {
    checkPrefix(prefix);
    this.prefix = prefix;
    this.global = "{" + prefix + "}:";
  }

  /**
   * @throws IllegalArgumentException when the prefix could break the hash tags or the key names
   */
  static void checkPrefix(String prefix) {
    if (prefix == null || !PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "redis key prefix must be 1-64 letters, digits or . _ : - (was '" + prefix + "')");
    }
  }

  String prefix() {
    return prefix;
  }

  /** The base of the keys shared by all queues: {@code {prefix}:}. */
  String global() {
    return global;
  }

  String jobIndex() {
    return global + "jobs";
  }

  String jobQueues() {
    return global + "job-queues";
  }

  String queues() {
    return global + "queues";
  }

  String waits() {
    return global + "waits";
  }

  String workers() {
    return global + "workers";
  }

  String worker(String workerId) {
    return global + "worker:" + workerId;
  }

  String scheduleNames() {
    return global + "schedules";
  }

  String dueSchedules() {
    return global + "schedules-due";
  }

  String schedule(String name) {
    return global + "schedule:" + name;
  }

  String wakeupChannel() {
    return prefix + ":wakeups";
  }

  String eventChannel() {
    return prefix + ":events";
  }

  QueueKeys queue(String queue) {
    return new QueueKeys(queue, "{" + prefix + ":" + queue + "}:", prefix, wakeupChannel());
  }

  String runIndex() {
    return global + "runs";
  }

  String settledRuns(RunState state) {
    return global + "runs-settled:" + state.wireName();
  }

  String run(UUID runId) {
    return runBase(runId) + "run";
  }

  String runSteps(UUID runId) {
    return runBase(runId) + "steps";
  }

  String runNames(UUID runId) {
    return runBase(runId) + "names";
  }

  private String runBase(UUID runId) {
    return "{" + prefix + ":run/" + runId + "}:";
  }

  /** The arguments of a per-run script: {@code common.lua}'s header, then room for its own. */
  List<String> runArgs(long nowMillis) {
    return scriptHeader(nowMillis, prefix, wakeupChannel());
  }

  /** The header every script with {@code common.lua} starts with. */
  static List<String> scriptHeader(long nowMillis, String prefix, String wakeupChannel) {
    List<String> args = new ArrayList<>();
    args.add(Long.toString(nowMillis));
    args.add(prefix);
    args.add(wakeupChannel);
    return args;
  }
}
