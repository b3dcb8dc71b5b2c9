package io.drover.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.drover.Ids;
import io.drover.InvalidJobException;
import io.drover.Job;
import io.drover.JobNotFoundException;
import io.drover.JobState;
import io.drover.lifecycle.JobFate;
import io.drover.lifecycle.ReportedFailure;
import io.drover.limit.IdleWait;
import io.drover.runtime.JobListener;
import io.drover.server.auth.Permission;
import io.drover.server.config.ServerConfig;
import io.drover.store.ClaimRequest;
import io.drover.store.Completion;
import io.drover.store.Failure;
import io.drover.store.HeartbeatRequest;
import io.drover.store.JobChange;
import io.drover.store.JobStore;
import io.drover.store.LeaseRef;
import io.drover.store.ProgressUpdate;
import io.drover.workflow.ParentResult;
import io.drover.workflow.StepSpec;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The worker protocol (DESIGN §7), so a worker in any language can take jobs over HTTP: claim jobs
 * with a lease, then heartbeat, report progress, and complete or fail each one under the lease
 * token the claim answered. The token fences (DESIGN §8): once the job was reaped, cancelled or
 * claimed again, every call with the old one is a 409 and changes nothing.
 */
final class LeaseRoutes {
  static final String CLAIMS = "/api/v1/claims";
  private static final String JOB = JobRoutes.JOBS + "/{id}";
  private static final Logger log = LoggerFactory.getLogger(LeaseRoutes.class);

  private final JobStore store;
  private final HttpWorkers workers;
  private final JobListener listener;
  private final InstantSource clock;
  // HTTP request threads share it: java.util.Random is safe for concurrent use.
  private final JobFate fate = new JobFate(new java.util.Random());
  private final Duration defaultLease;
  private final Duration pollInterval;
  private final int maxResultBytes;
  private final int bodyLimit;
  private final RunSpecParser steps;

  /**
   * @param listener told of attempts started and ended here, as of the in-process pool's
   */
  LeaseRoutes(
      JobStore store,
      ServerConfig config,
      JobListener listener,
      InstantSource clock,
      int bodyLimit,
      RunSpecParser steps) {
    this.steps = steps;
    this.store = store;
    this.workers = new HttpWorkers(store, clock);
    this.listener = listener;
    this.clock = clock;
    this.defaultLease = config.worker().lease();
    this.pollInterval = config.worker().pollInterval();
    this.maxResultBytes = config.http().maxPayloadBytes();
    this.bodyLimit = bodyLimit;
  }

  void addTo(JavalinDefaultRouting router) {
    router.post(CLAIMS, this::claim, Permission.WORK);
    router.post(JOB + "/heartbeat", this::heartbeat, Permission.WORK);
    router.post(JOB + "/complete", this::complete, Permission.WORK);
    router.post(JOB + "/fail", this::fail, Permission.WORK);
    router.post(JOB + "/progress", this::progress, Permission.WORK);
  }

  private void claim(Context ctx) {
    LeaseBodies.Claim claim = LeaseBodies.claim(body(ctx));
    // A pattern is within the token's when one of the token's matches its text, '*' included: a
    // token glob's '*' then spans the pattern's, so every queue the pattern matches is the token's.
    claim.queues().forEach(queue -> AccessControl.requireQueue(ctx, queue.text(), "queues"));
    String host = claim.host() == null ? ctx.req().getRemoteAddr() : claim.host();
    workers.claiming(claim.workerId(), host, claim.queues(), claim.max());
    ClaimRequest request =
        new ClaimRequest(
            claim.workerId(),
            claim.queues(),
            claim.max(),
            claim.lease() == null ? defaultLease : claim.lease());
    List<Job> jobs =
        claim.maxWait().isZero() ? store.claim(request) : claimWaiting(request, claim.maxWait());
    workers.claimed(claim.workerId(), jobs);
    StepContexts steps = StepContexts.of(store, jobs);
    ObjectNode answer = Json.object();
    ArrayNode list = answer.putArray("jobs");
    for (Job job : jobs) {
      listener.onStarted(job);
      ObjectNode claimed = JobJson.of(job).put("lease_token", job.leaseToken());
      if (job.runId() != null) {
        addRunContext(claimed, job, steps);
      }
      list.add(claimed);
    }
    if (jobs.size() < claim.max() && store.supportsLimits()) {
      // Says when a rate lets a held-back key start, so a worker waits until then, not a guess.
      store
          .limits()
          .nextStart(claim.queues())
          .ifPresent(at -> answer.put("next_start", JobJson.time(at)));
    }
    Json.send(ctx, HttpStatus.OK, answer);
  }

  /**
   * What a step's handler reads besides its payload: the run's input, and how each parent ended and
   * its result, by step name.
   */
  private static void addRunContext(ObjectNode claimed, Job step, StepContexts steps) {
    String input = steps.runInput(step);
    if (input == null) {
      claimed.putNull("run_input");
    } else {
      claimed.putRawValue("run_input", new RawValue(input));
    }
    ObjectNode parents = claimed.putObject("parents");
    for (Map.Entry<String, ParentResult> parent : steps.parents(step).entrySet()) {
      ObjectNode entry = parents.putObject(parent.getKey());
      entry.put("state", parent.getValue().state().wireName());
      String result = parent.getValue().result();
      if (result == null) {
        entry.putNull("result");
      } else {
        entry.putRawValue("result", new RawValue(result));
      }
    }
  }

  /**
   * Claims until a job comes or {@code wait} is up. Between tries it waits for a wake-up, but at
   * most the poll interval (less when a rate lets a held-back key start sooner), as in-process
   * workers do: wake-ups may be missed, and a retrying or scheduled job coming due sends none.
   */
  private List<Job> claimWaiting(ClaimRequest request, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    try (ClaimWait wakeups = ClaimWait.on(store, request.queues())) {
      List<Job> jobs = store.claim(request);
      while (jobs.isEmpty()) {
        Duration left = Duration.ofNanos(deadline - System.nanoTime());
        if (!left.isPositive()) {
          break;
        }
        Duration idle = IdleWait.after(store, request.queues(), pollInterval, clock);
        wakeups.await(left.compareTo(idle) < 0 ? left : idle);
        jobs = store.claim(request);
      }
      return jobs;
    } catch (InterruptedException e) {
      // The server is stopping: answer that nothing came rather than claim what nobody would get.
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  private void heartbeat(Context ctx) {
    LeaseBodies.Heartbeat heartbeat = LeaseBodies.heartbeat(body(ctx));
    Job job = held(ctx, heartbeat.leaseToken());
    Duration lease = heartbeat.lease() == null ? defaultLease : heartbeat.lease();
    Set<UUID> kept =
        store.heartbeat(
            new HeartbeatRequest(
                job.workerId(), List.of(new LeaseRef(job.id(), heartbeat.leaseToken())), lease));
    requireKept(kept.contains(job.id()), job, heartbeat.leaseToken());
    // The new expiry is the store's, on its clock; a heartbeat answers only which leases it kept.
    Job extended = current(job.id());
    workers.extended(extended);
    ObjectNode answer = Json.object().put("id", job.id().toString());
    answer.put("lease_expires_at", JobJson.time(extended.leaseExpiresAt()));
    Json.send(ctx, HttpStatus.OK, answer);
  }

  private void complete(Context ctx) {
    LeaseBodies.Complete complete = LeaseBodies.complete(body(ctx), maxResultBytes);
    Job job = held(ctx, complete.leaseToken());
    LeaseRef lease = new LeaseRef(job.id(), complete.leaseToken());
    List<StepSpec> added = addedSteps(complete.addSteps(), job);
    List<JobChange> completed =
        store.complete(List.of(new Completion(lease, complete.result(), added)));
    requireKept(!completed.isEmpty(), job, lease.token());
    workers.released(job);
    listener.onCompleted(job, ranFor(job));
    if (log.isDebugEnabled()) {
      withJob(log.atDebug(), job).setMessage("job: completed (reported over http)").log();
    }
    answerWithTheJob(ctx, job);
  }

  /**
   * The steps a completing step adds to its run, each read as a plan's step is; whether they fit
   * the run (names free, parents known, no cycle, the step limit) the store checks with the
   * completion, failing the step for good when they do not.
   */
  private List<StepSpec> addedSteps(JsonNode addSteps, Job job) {
    if (addSteps == null) {
      return List.of();
    }
    if (job.runId() == null) {
      throw new InvalidJobException(
          "add_steps", "only a step of a run adds steps; job " + job.id() + " is no step");
    }
    return steps.steps(addSteps, "add_steps");
  }

  /** Another attempt unless the worker says not, or none are left; after the backoff by default. */
  private void fail(Context ctx) {
    LeaseBodies.Fail fail = LeaseBodies.fail(body(ctx));
    Job job = held(ctx, fail.leaseToken());
    Failure failure =
        fate.afterReportedFailure(
            job,
            new ReportedFailure(fail.message(), fail.type(), fail.retry(), fail.retryIn()),
            clock.instant());
    List<JobChange> failed = store.fail(List.of(failure));
    requireKept(!failed.isEmpty(), job, fail.leaseToken());
    workers.released(job);
    Instant retryAt = failed.getFirst().retryAt();
    if (retryAt == null) {
      listener.onFailed(job, ranFor(job));
    } else {
      listener.onRetrying(job, ranFor(job));
    }
    withJob(log.atInfo(), job)
        .setMessage("job: attempt failed (reported over http)")
        .addKeyValue("max_attempts", job.maxAttempts())
        .addKeyValue("retry_at", retryAt == null ? null : retryAt.toString())
        .addKeyValue("reason", fail.message())
        .log();
    answerWithTheJob(ctx, job);
  }

  private void progress(Context ctx) {
    LeaseBodies.ProgressReport report = LeaseBodies.progress(body(ctx));
    Job job = held(ctx, report.leaseToken());
    LeaseRef lease = new LeaseRef(job.id(), report.leaseToken());
    requireKept(
        !store.updateProgress(List.of(new ProgressUpdate(lease, report.progress()))).isEmpty(),
        job,
        lease.token());
    ObjectNode answer = Json.object().put("id", job.id().toString());
    answer
        .putObject("progress")
        .put("percent", report.progress().percent())
        .put("message", report.progress().message());
    Json.send(ctx, HttpStatus.OK, answer);
  }

  private JsonNode body(Context ctx) {
    return Json.parse(RequestBody.readJson(ctx, bodyLimit));
  }

  /**
   * The job in the path, if the caller may use its queue (403) and it is active under {@code token}
   * (409). The store checks the token again when it acts: this only answers early.
   */
  private Job held(Context ctx, long token) {
    Job job = current(Ids.parse("id", ctx.pathParam("id")));
    AccessControl.requireQueue(ctx, job.queue(), "id");
    if (job.state() != JobState.ACTIVE) {
      workers.released(job);
      throw leaseLost(job, token, "it is " + job.state().wireName());
    }
    if (job.leaseToken() != token) {
      throw leaseLost(
          job,
          token,
          "its current lease has another token; this one was of a lease that expired, or was never"
              + " issued");
    }
    return job;
  }

  /** Refuses with a 409 when the store did not act: the lease was lost after {@link #held}. */
  private void requireKept(boolean kept, Job job, long token) {
    if (!kept) {
      workers.released(job);
      throw leaseLost(job, token, "its lease expired, or it was cancelled, just now");
    }
  }

  /**
   * Answers with the job as stored now, as the API promises for an ended attempt: its result or
   * errors and {@code finished_at} are the store's, which the acknowledgement's answer does not
   * carry.
   */
  private void answerWithTheJob(Context ctx, Job job) {
    Json.send(ctx, HttpStatus.OK, JobJson.of(current(job.id())));
  }

  private Job current(UUID id) {
    return store.get(id).orElseThrow(() -> new JobNotFoundException(id));
  }

  private Duration ranFor(Job job) {
    return job.startedAt() == null
        ? Duration.ZERO
        : Duration.between(job.startedAt(), clock.instant());
  }

  private static ProblemException leaseLost(Job job, long token, String why) {
    return new ProblemException(
        HttpStatus.CONFLICT,
        "lease_token",
        "lease not held: job "
            + job.id()
            + " is not held under lease token "
            + token
            + " ("
            + why
            + "); stop working on it");
  }

  private static LoggingEventBuilder withJob(LoggingEventBuilder event, Job job) {
    return event
        .addKeyValue("job_id", job.id())
        .addKeyValue("queue", job.queue())
        .addKeyValue("kind", job.kind())
        .addKeyValue("attempt", job.attempt())
        .addKeyValue("worker_id", job.workerId());
  }
}
