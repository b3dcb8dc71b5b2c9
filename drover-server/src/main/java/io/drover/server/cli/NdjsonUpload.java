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
import java.util.stream.Stream;

/**
 * Sends the jobs of an NDJSON file in batches, showing progress on stderr and a summary on stdout.
 * Each batch is all or nothing on the server; the first refused one stops the upload, and the
 * message names the file's line, so the user can fix it and send the rest.
 */
final class NdjsonUpload {
  static final int DEFAULT_BATCH = 500;
  static final int MAX_BATCH = 1000;

  private static final Pattern BATCH_FIELD = Pattern.compile("^\\[(\\d+)\\].*$");

  private final DroverClient client;
  private final PrintWriter out;
  private final PrintWriter err;

  NdjsonUpload(DroverClient client, PrintWriter out, PrintWriter err) {
    this.client = client;
    this.out = out;
    this.err = err;
  }

  /**
   * @param idempotencyKey null, or the key whose {@code key:index} each batch is sent with
   * @return the exit status: 0 when every job was sent
   */
  int run(Path file, int batchSize, String idempotencyKey) {
    if (batchSize < 1 || batchSize > MAX_BATCH) {
      throw new ClientException("--batch-size must be 1-" + MAX_BATCH + " (was " + batchSize + ")");
    }
    long total = countJobs(file);
    Progress progress = new Progress(total);
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
        if (batch.size() == batchSize) {
          send(batch, lines, batchIndex++, idempotencyKey, progress);
          batch.clear();
          lines.clear();
        }
      }
      if (!batch.isEmpty()) {
        send(batch, lines, batchIndex, idempotencyKey, progress);
      }
    } catch (IOException e) {
      throw new ClientException("cannot read " + file + ": " + e.getMessage());
    } catch (ClientException e) {
      progress.end();
      out.println(progress.summary());
      out.flush();
      throw e;
    }
    progress.end();
    out.println(progress.summary());
    out.flush();
    return 0;
  }

  private void send(
      List<JsonNode> batch,
      List<Integer> lines,
      int batchIndex,
      String idempotencyKey,
      Progress progress) {
    String body = DroverClient.JSON.createArrayNode().addAll(batch).toString();
    Map<String, String> headers =
        idempotencyKey == null
            ? Map.of()
            : Map.of("Idempotency-Key", idempotencyKey + ":" + batchIndex);
    JsonNode answer;
    try {
      answer = client.post("/api/v1/jobs", body, headers);
    } catch (ClientException e) {
      throw atLine(e, lines);
    }
    for (JsonNode job : answer.get("jobs")) {
      progress.sent(job.get("created").asBoolean(), job.path("spooled").asBoolean());
    }
  }

  /** Names the file's line when the server blamed one job of the batch ({@code [3].priority}). */
  private static ClientException atLine(ClientException e, List<Integer> lines) {
    Matcher blamed = e.field() == null ? null : BATCH_FIELD.matcher(e.field());
    if (blamed == null || !blamed.matches()) {
      return e;
    }
    int index = Integer.parseInt(blamed.group(1));
    return new ClientException("line " + lines.get(index) + ": " + e.getMessage(), e.field());
  }

  private JsonNode parse(Path file, int lineNumber, String line) {
    try {
      return DroverClient.JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new ClientException(
          file + " line " + lineNumber + " is not JSON: " + e.getOriginalMessage());
    }
  }

  private static long countJobs(Path file) {
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.filter(line -> !line.isBlank()).count();
    } catch (IOException e) {
      throw new ClientException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** The progress line, rewritten in place, and the counts for the summary. */
  private final class Progress {
    private final long total;
    private long created;
    private long existing;
    private long spooled;

    Progress(long total) {
      this.total = total;
    }

    void sent(boolean wasCreated, boolean wasSpooled) {
      if (wasSpooled) {
        spooled++;
      } else if (wasCreated) {
        created++;
      } else {
        existing++;
      }
      long done = created + existing + spooled;
      if (done % 100 == 0 || done == total) {
        err.print(
            "\renqueued "
                + done
                + "/"
                + total
                + " ("
                + (total == 0 ? 100 : done * 100 / total)
                + "%)");
        err.flush();
      }
    }

    void end() {
      err.println();
      err.flush();
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
