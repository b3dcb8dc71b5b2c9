package io.drover.store.redis;

import io.drover.JobNotFoundException;
import io.drover.workflow.StepOfRunException;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;

/**
 * Runs a script that changes one job known only by its id (cancel, retry now, delete): finds the
 * job's queue, then runs the script in that queue's slot. Such a script answers 1 when it changed
 * the job, 0 when the job's state forbids the change, -1 when there is no such job, -2 when the job
 * is a step of a run, which goes only with its run.
 */
final class JobScript {
  private static final long STEP_OF_RUN = -2;

  private final RedisLink link;
  private final Keys keys;
  private final QueueLocator locator;
  private final InstantSource clock;

  JobScript(RedisLink link, Keys keys, QueueLocator locator, InstantSource clock) {
    this.link = link;
    this.keys = keys;
    this.locator = locator;
    this.clock = clock;
  }

  /**
   * @param instead what to do with a step rather than this, for the refusal's message
   * @return the job's queue when the script changed it, or null when its state forbade it
   * @throws JobNotFoundException when no job has this id
   * @throws StepOfRunException when the script refuses the job because it is a step of a run
   */
  String run(String operation, LuaScript script, UUID id, String instead) {
    String queue = locator.locate(List.of(id)).get(id);
    if (queue == null) {
      throw new JobNotFoundException(id);
    }
    QueueKeys queueKeys = keys.queue(queue);
    List<String> args = queueKeys.args(clock.instant().toEpochMilli());
    args.add(id.toString());
    Batch batch = link.batch(operation);
    Reply<Long> answer = batch.integer(script, queueKeys.scriptKeys(), args);
    batch.execute();
    if (answer.get() == STEP_OF_RUN) {
      Batch read = link.batch(operation + " (read run)");
      Reply<String> runId = read.command(c -> c.hget(queueKeys.job(id), JobHash.RUN_ID));
      read.execute();
      throw new StepOfRunException(id, UUID.fromString(runId.get()), instead);
    }
    if (answer.get() < 0) {
      throw new JobNotFoundException(id);
    }
    return answer.get() == 1 ? queue : null;
  }
}
