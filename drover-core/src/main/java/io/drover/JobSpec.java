package io.drover;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A job to enqueue: what to run and how. Build one with {@link #builder(String, String)}; every
 * spec that exists has passed validation, so a store never sees bad input.
 *
 * <p>Times and durations lie within {@link Bounds}: {@code run_at} from 1970 to the end of 2999,
 * {@code timeout} up to 7 days, {@code backoff} up to 30 days, {@code dedup_window} up to a year,
 * {@code max_attempts} up to 1000.
 *
 * @param id made by the client (UUIDv7), so enqueueing the same spec twice yields one job
 * @param runAt when the job becomes claimable; null means now
 * @param dedupKey optional: a second enqueue with the same key in the same queue inside {@code
 *     dedupWindow} returns the first job instead of a new one
 * @param rateKey optional: jobs sharing a key share a rate limit
 * @param runId optional: the workflow run this job is a step of
 * @param dependsOn workflow steps that must complete before this one may run
 */
public record JobSpec(
    UUID id,
    String queue,
    String kind,
    String payload,
    int priority,
    Instant runAt,
    int maxAttempts,
    Backoff backoff,
    Duration timeout,
    String dedupKey,
    Duration dedupWindow,
    String rateKey,
    List<String> tags,
    UUID runId,
    List<UUID> dependsOn) {

  /** The queue of jobs that name none, as in Sidekiq and Oban. */
  public static final String DEFAULT_QUEUE = "default";

  /** Default payload limit, in UTF-8 bytes. */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

  public static final int MAX_NAME_LENGTH = 128;
  public static final int MAX_TAGS = 32;
  public static final int MAX_TAG_LENGTH = 200;
  public static final int MAX_KEY_LENGTH = 256;

  /**
   * Queue names and kinds: letters, digits, and {@code . _ : -}, starting with a letter or digit.
   */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

  private static final JsonFactory JSON = new JsonFactory();

  public JobSpec {
    Objects.requireNonNull(id, "id");
    checkName("queue", queue);
    checkName("kind", kind);
    checkPayload(payload, DEFAULT_MAX_PAYLOAD_BYTES);
    Priority.check(priority);
    if (runAt != null) {
      Bounds.checkTime("run_at", runAt);
    }
    checkOptions(maxAttempts, backoff, timeout, dedupWindow);
    checkKey("dedup_key", dedupKey);
    checkKey("rate_key", rateKey);
    tags = List.copyOf(tags == null ? List.of() : tags);
    if (tags.size() > MAX_TAGS) {
      throw new InvalidJobException("tags", "at most " + MAX_TAGS + " (was " + tags.size() + ")");
    }
    for (String tag : tags) {
      if (tag.isEmpty() || tag.length() > MAX_TAG_LENGTH) {
        throw new InvalidJobException(
            "tags", "each tag must be 1-" + MAX_TAG_LENGTH + " characters");
      }
      checkNoNul("tags", tag);
    }
    dependsOn = List.copyOf(dependsOn == null ? List.of() : dependsOn);
  }

  public static Builder builder(String queue, String kind) {
    return new Builder(queue, kind);
  }

  /**
   * Checks a queue name or kind.
   *
   * @throws InvalidJobException naming {@code field}
   */
  public static String checkName(String field, String name) {
    if (name == null || name.isEmpty()) {
      throw new InvalidJobException(field, "is required");
    }
    if (!NAME.matcher(name).matches()) {
      throw new InvalidJobException(
          field,
          "must be 1-"
              + MAX_NAME_LENGTH
              + " characters of letters, digits and . _ : - starting with a letter or digit (was '"
              + abbreviate(name)
              + "')");
    }
    return name;
  }

  /**
   * Checks that a payload is one well-formed JSON value within {@code maxBytes} UTF-8 bytes.
   *
   * @throws InvalidJobException naming the {@code payload} field
   */
  public static void checkPayload(String payload, int maxBytes) {
    if (payload == null) {
      throw new InvalidJobException("payload", "is required (use {} for none)");
    }
    // A char is at most 3 UTF-8 bytes, so short strings need no exact count.
    if ((long) payload.length() * 3 > maxBytes) {
      int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > maxBytes) {
        throw new InvalidJobException(
            "payload", "is " + bytes + " bytes, over the limit of " + maxBytes + " bytes");
      }
    }
    try (JsonParser parser = JSON.createParser(payload)) {
      if (parser.nextToken() == null) {
        throw new InvalidJobException("payload", "must be a JSON value (was empty)");
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        throw new InvalidJobException("payload", "must be a single JSON value");
      }
    } catch (JsonProcessingException e) {
      throw new InvalidJobException("payload", "is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidJobException("payload", "is not valid JSON: " + e.getMessage());
    }
    checkUnicode(payload);
  }

  /**
   * Refuses a lone UTF-16 surrogate (what JSON's {@code "\\ud800"} decodes to): it is no Unicode
   * character, so no store can keep it, and UTF-8 would turn it into {@code ?} without a word.
   */
  private static void checkUnicode(String payload) {
    for (int i = 0; i < payload.length(); i++) {
      char c = payload.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < payload.length()
          && Character.isLowSurrogate(payload.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new InvalidJobException(
            "payload",
            String.format(
                "holds a lone surrogate (\\u%04x), which is not a Unicode character and cannot be"
                    + " stored; send text as valid Unicode",
                (int) c));
      }
    }
  }

  /**
   * Checks the options a job may leave to its {@link JobDefaults} against their {@link Bounds}.
   *
   * @throws InvalidJobException naming the first field out of bounds
   */
  static void checkOptions(
      int maxAttempts, Backoff backoff, Duration timeout, Duration dedupWindow) {
    Bounds.check("max_attempts", maxAttempts, 1, Bounds.MAX_ATTEMPTS);
    if (backoff == null) {
      throw new InvalidJobException("backoff", "is required");
    }
    // Backoff itself only asks base <= max, so jobs stored before these bounds still read back.
    Bounds.check("backoff.base", backoff.base(), Duration.ZERO, Bounds.MAX_RETRY_DELAY);
    Bounds.check("backoff.max", backoff.max(), Duration.ZERO, Bounds.MAX_RETRY_DELAY);
    Bounds.check("timeout", timeout, Bounds.MIN_TIMEOUT, Bounds.MAX_TIMEOUT);
    Bounds.check("dedup_window", dedupWindow, Bounds.MIN_DEDUP_WINDOW, Bounds.MAX_DEDUP_WINDOW);
  }

  private static void checkKey(String field, String key) {
    if (key != null && (key.isEmpty() || key.length() > MAX_KEY_LENGTH)) {
      throw new InvalidJobException(field, "must be 1-" + MAX_KEY_LENGTH + " characters");
    }
    checkNoNul(field, key);
  }

  /** PostgreSQL text cannot hold a NUL: refused here as bad input, not later as a store failure. */
  private static void checkNoNul(String field, String text) {
    if (text != null && text.indexOf('\0') >= 0) {
      throw new InvalidJobException(field, "must not contain a NUL character (\\u0000)");
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  /** Builds a {@link JobSpec}; options left unset take the {@link JobDefaults} given to build. */
  public static final class Builder {
    private UUID id;
    private final String queue;
    private final String kind;
    private String payload = "{}";
    private int priority = Priority.NORMAL.value();
    private Instant runAt;
    private Integer maxAttempts;
    private Backoff backoff;
    private Duration timeout;
    private String dedupKey;
    private Duration dedupWindow;
    private String rateKey;
    private final List<String> tags = new ArrayList<>();
    private UUID runId;
    private final List<UUID> dependsOn = new ArrayList<>();

    private Builder(String queue, String kind) {
      this.queue = queue;
      this.kind = kind;
    }

    /** Default: a fresh UUIDv7. */
    public Builder id(UUID id) {
      this.id = id;
      return this;
    }

    /** The payload as JSON text. Default: {@code {}}. */
    public Builder payload(String json) {
      this.payload = json;
      return this;
    }

    /** 1-10, higher first. Default: 5 ({@link Priority#NORMAL}). */
    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    public Builder priority(Priority priority) {
      return priority(priority.value());
    }

    /** From 1970 to the end of 2999 ({@link Bounds}). Default: now. */
    public Builder runAt(Instant runAt) {
      this.runAt = runAt;
      return this;
    }

    /**
     * Runs the job no earlier than {@code delay} after {@code now}.
     *
     * @throws InvalidJobException naming {@code delay} unless it is from 0 to {@link
     *     Bounds#MAX_DELAY}
     */
    public Builder delay(Duration delay, Instant now) {
      Bounds.check("delay", delay, Duration.ZERO, Bounds.MAX_DELAY);
      return runAt(Bounds.plus(now, delay));
    }

    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    public Builder backoff(Backoff backoff) {
      this.backoff = backoff;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder dedupKey(String dedupKey) {
      this.dedupKey = dedupKey;
      return this;
    }

    public Builder dedupWindow(Duration dedupWindow) {
      this.dedupWindow = dedupWindow;
      return this;
    }

    public Builder rateKey(String rateKey) {
      this.rateKey = rateKey;
      return this;
    }

    public Builder tag(String tag) {
      this.tags.add(tag);
      return this;
    }

    public Builder tags(List<String> tags) {
      this.tags.addAll(tags);
      return this;
    }

    public Builder runId(UUID runId) {
      this.runId = runId;
      return this;
    }

    public Builder dependsOn(List<UUID> dependsOn) {
      this.dependsOn.addAll(dependsOn);
      return this;
    }

    /** Builds with {@link JobDefaults#STANDARD} for unset options. */
    public JobSpec build() {
      return build(JobDefaults.STANDARD);
    }

    /**
     * Builds and validates.
     *
     * @throws InvalidJobException naming the first field that is wrong
     */
    public JobSpec build(JobDefaults defaults) {
      return new JobSpec(
          id == null ? Ids.newId() : id,
          queue,
          kind,
          payload,
          priority,
          runAt,
          maxAttempts == null ? defaults.maxAttempts() : maxAttempts,
          backoff == null ? defaults.backoff() : backoff,
          timeout == null ? defaults.timeout() : timeout,
          dedupKey,
          dedupWindow == null ? defaults.dedupWindow() : dedupWindow,
          rateKey,
          tags,
          runId,
          dependsOn);
    }
  }
}
