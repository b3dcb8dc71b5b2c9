package io.drover.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends the jobs of an NDJSON file in batches, showing progress on stderr and a summary on stdout.
 * The whole file is checked first, batch by batch with the server's own rules ({@code dry_run}), so
 * a bad line stops the upload before any job is stored, and the message names its line and field.
 * Only then are the batches sent, each all or nothing on the server.
 */
final class NdjsonUpload {
  static final int DEFAULT_BATCH = 500;
  static final int MAX_BATCH = 1000;

  private static final String JOBS = "/api/v1/jobs";
  private static final Pattern BATCH_FIELD = Pattern.compile("^\\[(\\d+)\\](?:\\.(.*))?$");

  private final DroverClient client;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean terminal;

  /**
   * @param terminal whether {@code err} is a terminal: progress is then one line redrawn in place,
   *     otherwise a plain line every tenth of the way, so a log file gets no carriage returns
   */
  NdjsonUpload(DroverClient client, PrintWriter out, PrintWriter err, boolean terminal) {
    this.client = client;
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  /**
   * @param idempotencyKey null, or the key whose {@code key:index} each batch is sent with
   * @return the exit status: 0 when every job was sent
   */
  int run(Path file, int batchSize, String idempotencyKey) {
    if (batchSize < 1 || batchSize > MAX_BATCH) {
      throw new ClientException("--batch-size must be 1-" + MAX_BATCH + " (was " + batchSize + ")");
    }
    long total =
        eachBatch(
            file,
            batchSize,
            (batch, lines, index) -> {
              try {
                client.post(JOBS + "?dry_run=true", body(batch), headers(idempotencyKey, index));
              } catch (ClientException e) {
                throw atLine(file, e, lines, "; nothing was sent");
              }
            });
    Progress progress = new Progress(total);
    try {
      eachBatch(
          file,
          batchSize,
          (batch, lines, index) -> {
            JsonNode answer;
            try {
              answer = client.post(JOBS, body(batch), headers(idempotencyKey, index));
            } catch (ClientException e) {
              throw atLine(file, e, lines, "");
            }
            progress.sent(answer.get("jobs"));
          });
    } finally {
      progress.end();
      out.println(progress.summary());
      out.flush();
    }
    return 0;
  }

  /** What is done with each batch of the file: its jobs, their line numbers, its index. */
  private interface BatchAction {
    void accept(List<JsonNode> batch, List<Integer> lines, int index);
  }

  /** Reads the file's jobs in batches of {@code batchSize}, skipping blank lines; counts them. */
  private static long eachBatch(Path file, int batchSize, BatchAction action) {
    long jobs = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      List<JsonNode> batch = new ArrayList<>();
      List<Integer> lines = new ArrayList<>();
      int lineNumber = 0;
      int batchIndex = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        batch.add(parse(file, lineNumber, line));
        lines.add(lineNumber);
        jobs++;
        if (batch.size() == batchSize) {
          action.accept(batch, lines, batchIndex++);
          batch.clear();
          lines.clear();
        }
      }
      if (!batch.isEmpty()) {
        action.accept(batch, lines, batchIndex);
      }
    } catch (IOException e) {
      throw new ClientException("cannot read " + file + ": " + e.getMessage());
    }
    return jobs;
  }

  private static String body(List<JsonNode> batch) {
    return DroverClient.JSON.createArrayNode().addAll(batch).toString();
  }

  private static Map<String, String> headers(String idempotencyKey, int batchIndex) {
    return idempotencyKey == null
        ? Map.of()
        : Map.of("Idempotency-Key", idempotencyKey + ":" + batchIndex);
  }

  /**
   * Names the file's line when the server blamed one job of the batch ({@code [3].priority}), and
   * the field within that job rather than within the batch.
   */
  private static ClientException atLine(
      Path file, ClientException e, List<Integer> lines, String suffix) {
    Matcher blamed = e.field() == null ? null : BATCH_FIELD.matcher(e.field());
    if (blamed == null || !blamed.matches()) {
      return new ClientException(e.getMessage() + suffix, e.field());
    }
    String batchPrefix = "[" + blamed.group(1) + "]";
    String field = blamed.group(2);
    String message =
        e.getMessage()
            .replace(": " + batchPrefix + ".", ": ")
            .replace("(field " + batchPrefix + ".", "(field ");
    int line = lines.get(Integer.parseInt(blamed.group(1)));
    return new ClientException(file + " line " + line + ": " + message + suffix, field);
  }

  private static JsonNode parse(Path file, int lineNumber, String line) {
    try {
      return DroverClient.JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new ClientException(
          file
              + " line "
              + lineNumber
              + " is not JSON: "
              + e.getOriginalMessage()
              + "; nothing was sent");
    }
  }

  /** The progress on stderr, and the counts for the summary. */
  private final class Progress {
    private final long total;
    private long created;
    private long existing;
    private long spooled;
    private long lastTenth;

    Progress(long total) {
      this.total = total;
    }

    /** Counts a stored batch's answers, and shows the progress after it. */
    void sent(JsonNode answers) {
      for (JsonNode answer : answers) {
        if (answer.path("spooled").asBoolean()) {
          spooled++;
        } else if (answer.get("created").asBoolean()) {
          created++;
        } else {
          existing++;
        }
      }
      long done = created + existing + spooled;
      long percent = done * 100 / total;
      if (terminal) {
        err.print("\r" + line(done, percent));
        err.flush();
      } else if (percent / 10 > lastTenth || done == total) {
        lastTenth = percent / 10;
        err.println(line(done, percent));
        err.flush();
      }
    }

    private String line(long done, long percent) {
      return "enqueued " + done + "/" + total + " (" + percent + "%)";
    }

    /** Ends the redrawn line, which a summary or an error must not overwrite. */
    void end() {
      if (terminal && created + existing + spooled > 0) {
        err.println();
        err.flush();
      }
    }

    String summary() {
      return (created + existing + spooled)
          + " of "
          + total
          + " jobs sent: "
          + created
          + " new, "
          + existing
          + " existed already (same id, idempotency key or dedup key)"
          + (spooled == 0
              ? ""
              : ", " + spooled + " spooled (the store is unreachable; forwarded when it answers)");
    }
  }
}
