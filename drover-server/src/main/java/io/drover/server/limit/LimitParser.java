package io.drover.server.limit;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.InvalidJobException;
import io.drover.limit.LimitSpec;
import io.drover.limit.Rate;
import io.drover.server.json.JsonFields;
import io.drover.store.QueuePattern;
import java.util.List;
import java.util.Set;

/**
 * Reads a limit's definition from the API's JSON or a limits file: {@code queues} (names or globs),
 * {@code kinds}, {@code rate} ({@code {"limit": 2, "per": "1s", "burst": 1}}), {@code concurrency},
 * {@code queue_concurrency} and {@code fair}. Each failure names its field.
 */
public final class LimitParser {
  private static final Set<String> FIELDS =
      Set.of("name", "queues", "kinds", "rate", "concurrency", "queue_concurrency", "fair");
  private static final Set<String> RATE_FIELDS = Set.of("limit", "per", "burst");

  private LimitParser() {}

  /**
   * @param name the name from the path, or null to read it from the body's {@code name}
   * @throws InvalidJobException naming the field that is wrong
   */
  public static LimitSpec parse(JsonNode body, String name) {
    if (body == null || !body.isObject()) {
      throw new InvalidJobException("limit", "must be a JSON object");
    }
    JsonFields.rejectUnknown(body, FIELDS);
    String named = name;
    if (JsonFields.present(body, "name")) {
      String given = JsonFields.text(body, "name");
      if (named != null && !named.equals(given)) {
        throw new InvalidJobException(
            "name", "'" + given + "' differs from the name in the path ('" + named + "')");
      }
      named = given;
    }
    if (named == null) {
      throw new InvalidJobException("name", "is required");
    }
    if (!JsonFields.present(body, "queues")) {
      throw new InvalidJobException("queues", "is required: queue names or globs");
    }
    List<QueuePattern> queues =
        JsonFields.strings(body.get("queues"), "queues").stream().map(QueuePattern::of).toList();
    List<String> kinds =
        JsonFields.present(body, "kinds")
            ? JsonFields.strings(body.get("kinds"), "kinds")
            : List.of();
    return new LimitSpec(
        named,
        queues,
        kinds,
        JsonFields.present(body, "rate") ? rate(body.get("rate")) : null,
        JsonFields.present(body, "concurrency")
            ? JsonFields.wholeNumber(body, "concurrency")
            : null,
        JsonFields.present(body, "queue_concurrency")
            ? JsonFields.wholeNumber(body, "queue_concurrency")
            : null,
        JsonFields.present(body, "fair") && JsonFields.bool(body, "fair"));
  }

  private static Rate rate(JsonNode rate) {
    if (!rate.isObject()) {
      throw new InvalidJobException(
          "rate", "must be an object like {\"limit\": 2, \"per\": \"1s\"}");
    }
    try {
      JsonFields.rejectUnknown(rate, RATE_FIELDS);
      if (!JsonFields.present(rate, "limit") || !JsonFields.present(rate, "per")) {
        throw new InvalidJobException(
            "rate", "needs limit and per, like {\"limit\": 2, \"per\": \"1s\"}");
      }
      return new Rate(
          JsonFields.wholeNumber(rate, "limit"),
          JsonFields.duration(rate, "per"),
          JsonFields.present(rate, "burst") ? JsonFields.wholeNumber(rate, "burst") : 1);
    } catch (InvalidJobException e) {
      throw e.field().startsWith("rate") ? e : e.within("rate");
    }
  }
}
