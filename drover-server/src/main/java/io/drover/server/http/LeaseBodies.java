package io.drover.server.http;

import static io.drover.server.json.JsonFields.bool;
import static io.drover.server.json.JsonFields.present;
import static io.drover.server.json.JsonFields.rejectUnknown;
import static io.drover.server.json.JsonFields.shown;
import static io.drover.server.json.JsonFields.text;
import static io.drover.server.json.JsonFields.wholeNumber;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.Bounds;
import io.drover.InvalidJobException;
import io.drover.Progress;
import io.drover.store.QueuePattern;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the bodies of the worker protocol ({@link LeaseRoutes}), each rule checked before the store
 * is touched and each failure naming its field. A JSON {@code null} counts as absent.
 */
final class LeaseBodies {
  static final int MAX_CLAIM = 100;
  static final Duration MAX_WAIT = Duration.ofSeconds(30);

  /** Queue patterns per claim: a worker names its queues, not a catalogue of them. */
  static final int MAX_QUEUES = 100;

  static final int MAX_HOST_LENGTH = 255;
  static final int MAX_ERROR_TYPE_LENGTH = 256;

  /** Long enough for any useful error line; an error is no place for a log dump. */
  static final int MAX_ERROR_MESSAGE_LENGTH = 10_000;

  /** Safe to show in logs and the dashboard as they are, like token names. */
  static final Pattern WORKER_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

  private static final Set<String> CLAIM_FIELDS =
      Set.of("worker_id", "queues", "max", "lease_seconds", "wait_ms", "host");
  private static final Set<String> HEARTBEAT_FIELDS = Set.of("lease_token", "lease_seconds");
  private static final Set<String> COMPLETE_FIELDS = Set.of("lease_token", "result", "add_steps");
  private static final Set<String> FAIL_FIELDS =
      Set.of("lease_token", "error", "retry", "retry_in_ms");
  private static final Set<String> ERROR_FIELDS = Set.of("message", "type");
  private static final Set<String> PROGRESS_FIELDS = Set.of("lease_token", "percent", "message");

  private LeaseBodies() {}

  /**
   * @param host where the worker runs, or null for the request's address
   * @param lease null for the server's
   */
  record Claim(
      String workerId,
      String host,
      List<QueuePattern> queues,
      int max,
      Duration lease,
      Duration maxWait) {}

  /**
   * @param lease null for the server's
   */
  record Heartbeat(long leaseToken, Duration lease) {}

  /**
   * @param result JSON text, or null
   */
  /**
   * @param addSteps the {@code add_steps} array as sent, or null: a step's fan-out, read against
   *     the run's rules by the caller
   */
  record Complete(long leaseToken, String result, JsonNode addSteps) {}

  /**
   * @param type the error's class or code, or null
   * @param retryIn the delay the worker asks for instead of the backoff, or null
   */
  record Fail(long leaseToken, String message, String type, boolean retry, Duration retryIn) {}

  record ProgressReport(long leaseToken, Progress progress) {}

  static Claim claim(JsonNode body) {
    object(body, CLAIM_FIELDS);
    String workerId = required(body, "worker_id");
    if (!WORKER_ID.matcher(workerId).matches()) {
      throw new InvalidJobException(
          "worker_id", "must be 1-128 letters, digits or . _ : @ - (was '" + workerId + "')");
    }
    String host = present(body, "host") ? text(body, "host") : null;
    if (host != null && (host.isBlank() || host.length() > MAX_HOST_LENGTH)) {
      throw new InvalidJobException("host", "must be 1-" + MAX_HOST_LENGTH + " characters");
    }
    int max = present(body, "max") ? inRange(body, "max", 1, MAX_CLAIM) : 1;
    Duration lease = leaseSeconds(body);
    Duration maxWait =
        present(body, "wait_ms")
            ? Duration.ofMillis(inRange(body, "wait_ms", 0, (int) MAX_WAIT.toMillis()))
            : Duration.ZERO;
    return new Claim(workerId, host, queues(body), max, lease, maxWait);
  }

  static Heartbeat heartbeat(JsonNode body) {
    object(body, HEARTBEAT_FIELDS);
    return new Heartbeat(leaseToken(body), leaseSeconds(body));
  }

  static Complete complete(JsonNode body, int maxResultBytes) {
    object(body, COMPLETE_FIELDS);
    long token = leaseToken(body);
    JsonNode addSteps = present(body, "add_steps") ? body.get("add_steps") : null;
    if (!present(body, "result")) {
      return new Complete(token, null, addSteps);
    }
    String result = body.get("result").toString();
    int bytes = result.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > maxResultBytes) {
      throw new InvalidJobException(
          "result", "is " + bytes + " bytes, over the limit of " + maxResultBytes + " bytes");
    }
    return new Complete(token, result, addSteps);
  }

  static Fail fail(JsonNode body) {
    object(body, FAIL_FIELDS);
    long token = leaseToken(body);
    if (!present(body, "error")) {
      throw new InvalidJobException("error", "is required: {\"message\": \"what went wrong\"}");
    }
    JsonNode error = body.get("error");
    if (!error.isObject()) {
      throw new InvalidJobException(
          "error", "must be an object like {\"message\": \"…\"} (was " + shown(error) + ")");
    }
    String message;
    String type;
    try {
      rejectUnknown(error, ERROR_FIELDS);
      message = bounded(required(error, "message"), "message", MAX_ERROR_MESSAGE_LENGTH);
      type =
          present(error, "type")
              ? bounded(text(error, "type"), "type", MAX_ERROR_TYPE_LENGTH)
              : null;
    } catch (InvalidJobException e) {
      throw e.within("error");
    }
    boolean retry = !present(body, "retry") || bool(body, "retry");
    Duration retryIn = null;
    if (present(body, "retry_in_ms")) {
      if (!retry) {
        throw new InvalidJobException("retry_in_ms", "cannot be given with \"retry\": false");
      }
      retryIn = Duration.ofMillis(inRange(body, "retry_in_ms", 0, Integer.MAX_VALUE));
    }
    return new Fail(token, message, type, retry, retryIn);
  }

  static ProgressReport progress(JsonNode body) {
    object(body, PROGRESS_FIELDS);
    long token = leaseToken(body);
    if (!present(body, "percent")) {
      throw new InvalidJobException("percent", "is required: 0-100");
    }
    int percent = inRange(body, "percent", 0, 100);
    String message = present(body, "message") ? text(body, "message") : null;
    return new ProgressReport(token, new Progress(percent, message));
  }

  private static void object(JsonNode body, Set<String> fields) {
    if (!body.isObject()) {
      throw ProblemException.badRequest(
          null, "the body must be a JSON object (was " + shown(body) + ")");
    }
    rejectUnknown(body, fields);
  }

  private static List<QueuePattern> queues(JsonNode body) {
    JsonNode value = body.get("queues");
    if (value == null || !value.isArray() || value.isEmpty() || value.size() > MAX_QUEUES) {
      throw new InvalidJobException(
          "queues",
          "must be an array of 1-"
              + MAX_QUEUES
              + " queue names or globs, like [\"email\", \"scrape.*\"]"
              + (value == null ? "" : " (was " + shown(value) + ")"));
    }
    List<QueuePattern> patterns = new ArrayList<>(value.size());
    for (JsonNode pattern : value) {
      if (!pattern.isTextual()) {
        throw new InvalidJobException(
            "queues", "must hold strings only (was " + shown(pattern) + ")");
      }
      patterns.add(QueuePattern.of(pattern.textValue()));
    }
    return patterns;
  }

  private static long leaseToken(JsonNode body) {
    JsonNode value = body.get("lease_token");
    if (value == null || value.isNull()) {
      throw new InvalidJobException("lease_token", "is required: the token the claim answered");
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
      throw new InvalidJobException(
          "lease_token", "must be the whole number the claim answered (was " + shown(value) + ")");
    }
    return value.longValue();
  }

  private static Duration leaseSeconds(JsonNode body) {
    return present(body, "lease_seconds")
        ? Duration.ofSeconds(inRange(body, "lease_seconds", 1, (int) Bounds.MAX_LEASE.toSeconds()))
        : null;
  }

  private static String required(JsonNode object, String field) {
    if (!present(object, field)) {
      throw new InvalidJobException(field, "is required");
    }
    return text(object, field);
  }

  private static String bounded(String text, String field, int maxLength) {
    if (text.isBlank() || text.length() > maxLength) {
      throw new InvalidJobException(field, "must be 1-" + maxLength + " characters");
    }
    return text;
  }

  private static int inRange(JsonNode object, String field, int min, int max) {
    int value = wholeNumber(object, field);
    if (value < min || value > max) {
      throw new InvalidJobException(
          field, "must be between " + min + " and " + max + " (was " + value + ")");
    }
    return value;
  }
}
