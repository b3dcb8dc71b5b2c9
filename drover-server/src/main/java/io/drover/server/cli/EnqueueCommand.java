package io.drover.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code drover enqueue}: one job described by flags, or every job of an NDJSON file ({@code
 * --from}), through a server's API.
 */
@Command(
    name = "enqueue",
    mixinStandardHelpOptions = true,
    description = {
      "Enqueues one job from flags, or the jobs of an NDJSON file (one job object per line, as the"
          + " API takes them) with --from.",
      ""
    })
public final class EnqueueCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;
  @Mixin private ServerConnection server;

  @ArgGroup(exclusive = true, multiplicity = "1")
  private Source source;

  static final class Source {
    @Option(names = "--kind", paramLabel = "KIND", description = "The job's kind (its handler).")
    String kind;

    @Option(
        names = "--from",
        paramLabel = "FILE",
        description = "An NDJSON file of jobs, sent in batches with a progress line on stderr.")
    Path from;
  }

  @Option(names = "--queue", paramLabel = "NAME", description = "Default: default.")
  private String queue;

  @Option(names = "--payload", paramLabel = "JSON", description = "The payload. Default: {}.")
  private String payload;

  @Option(
      names = "--priority",
      paramLabel = "P",
      description = "1-10 or critical, high, normal, low, background. Default: normal (5).")
  private String priority;

  @Option(
      names = "--delay",
      paramLabel = "DURATION",
      description = "Run no earlier than this from now, e.g. 30s, 5m.")
  private String delay;

  @Option(
      names = "--run-at",
      paramLabel = "TIME",
      description = "Run no earlier than this, ISO-8601 with a zone.")
  private String runAt;

  @Option(
      names = "--max-attempts",
      paramLabel = "N",
      description = "Attempts, 1-1000. Default: the server's.")
  private Integer maxAttempts;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      description = "How long one attempt may run. Default: the server's.")
  private String timeout;

  @Option(
      names = "--dedup-key",
      paramLabel = "KEY",
      description = "Another job with this key in the queue within the hour is not made again.")
  private String dedupKey;

  @Option(
      names = "--rate-key",
      paramLabel = "KEY",
      description = "The key limits count the job under, e.g. a domain or a tenant.")
  private String rateKey;

  @Option(names = "--tag", paramLabel = "TAG", description = "A tag; repeat for more.")
  private List<String> tags;

  @Option(
      names = "--idempotency-key",
      paramLabel = "KEY",
      description =
          "Sent as Idempotency-Key: running the command again with the same key makes no second"
              + " job. With --from, each batch gets KEY:index, so a rerun after a failure skips the"
              + " batches already sent.")
  private String idempotencyKey;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description =
          "Jobs per request with --from, 1-1000. Default: " + NdjsonUpload.DEFAULT_BATCH + ".")
  private int batchSize = NdjsonUpload.DEFAULT_BATCH;

  /**
   * Set to true by the {@code ./drover} launcher when stderr is a terminal ({@code [ -t 2 ]}): Java
   * can tell only whether stdin and stdout both are, and a redirected stderr must not get redrawn
   * progress.
   */
  static final String STDERR_IS_TERMINAL = "drover.stderr.terminal";

  private final Map<String, String> env;

  public EnqueueCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    try (DroverClient client = server.client(env)) {
      if (source.from != null) {
        return new NdjsonUpload(
                client,
                spec.commandLine().getOut(),
                spec.commandLine().getErr(),
                Boolean.getBoolean(STDERR_IS_TERMINAL))
            .run(source.from, batchSize, idempotencyKey);
      }
      JsonNode answer =
          client.post(
              "/api/v1/jobs",
              job().toString(),
              idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
      PrintWriter out = spec.commandLine().getOut();
      out.println(outcome(answer) + answer.get("id").asText());
      out.flush();
      return 0;
    }
  }

  private static String outcome(JsonNode answer) {
    if (answer.path("spooled").asBoolean()) {
      return "spooled (the store is unreachable; forwarded when it answers): ";
    }
    return answer.get("created").asBoolean() ? "enqueued " : "exists already: ";
  }

  private ObjectNode job() {
    ObjectNode job = DroverClient.JSON.createObjectNode().put("kind", source.kind);
    putIfGiven(job, "queue", queue);
    if (payload != null) {
      job.set("payload", DroverClient.jsonOption("--payload", payload));
    }
    if (priority != null) {
      if (priority.matches("\\d{1,2}")) {
        job.put("priority", Integer.parseInt(priority));
      } else {
        job.put("priority", priority);
      }
    }
    putIfGiven(job, "delay", delay);
    putIfGiven(job, "run_at", runAt);
    if (maxAttempts != null) {
      job.put("max_attempts", maxAttempts);
    }
    putIfGiven(job, "timeout", timeout);
    putIfGiven(job, "dedup_key", dedupKey);
    putIfGiven(job, "rate_key", rateKey);
    if (tags != null) {
      tags.forEach(job.putArray("tags")::add);
    }
    return job;
  }

  private static void putIfGiven(ObjectNode job, String field, String value) {
    if (value != null) {
      job.put(field, value);
    }
  }
}
