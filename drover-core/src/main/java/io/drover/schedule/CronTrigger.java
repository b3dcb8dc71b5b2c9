package io.drover.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.drover.InvalidJobException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A cron expression read in a time zone: 5 fields (minute hour day-of-month month day-of-week), 6
 * with seconds first, or a macro ({@code @hourly}, {@code @daily}, {@code @midnight}, {@code
 * @weekly}, {@code @monthly}, {@code @yearly}, {@code @annually}).
 *
 * <p>Daylight-saving time follows what operators expect of cron: a wall-clock time that does not
 * exist (the hour skipped in spring) fires once, at the first valid instant after the gap; a time
 * that happens twice (the hour repeated in autumn) fires once, on its first occurrence.
 */
public final class CronTrigger implements Trigger {
  private static final CronParser FIVE_FIELDS =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final CronParser SIX_FIELDS =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING));
  private static final Map<String, String> MACROS =
      Map.of(
          "@hourly", "0 * * * *",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@weekly", "0 0 * * 0",
          "@monthly", "0 0 1 * *",
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *");

  private final String expression;
  private final ZoneId zone;
  private final ExecutionTime times;

  private CronTrigger(String expression, ZoneId zone, ExecutionTime times) {
    this.expression = expression;
    this.zone = zone;
    this.times = times;
  }

  /**
   * Parses an expression.
   *
   * @throws InvalidJobException naming the {@code cron} field, with what is wrong
   */
  public static CronTrigger parse(String expression, ZoneId zone) {
    if (expression == null || expression.isBlank()) {
      throw new InvalidJobException("cron", "is required");
    }
    String trimmed = expression.trim();
    String expanded = MACROS.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
    if (expanded.startsWith("@")) {
      throw new InvalidJobException(
          "cron",
          "unknown macro '" + trimmed + "' (known: " + String.join(", ", MACROS.keySet()) + ")");
    }
    int fields = expanded.split("\\s+").length;
    CronParser parser =
        switch (fields) {
          case 5 -> FIVE_FIELDS;
          case 6 -> SIX_FIELDS;
          default ->
              throw new InvalidJobException(
                  "cron",
                  "'"
                      + trimmed
                      + "' has "
                      + fields
                      + " fields; expected 5, or 6 with seconds first");
        };
    Cron cron;
    try {
      cron = parser.parse(expanded);
      cron.validate();
    } catch (IllegalArgumentException e) {
      throw new InvalidJobException("cron", "'" + trimmed + "' is not valid: " + e.getMessage());
    }
    return new CronTrigger(trimmed, zone, ExecutionTime.forCron(cron));
  }

  @Override
  public Instant nextAfter(Instant after) {
    ZoneRules rules = zone.getRules();
    // From the whole second: cron-utils keeps the fraction it is given, and a per-second cron
    // created at :18.175 would fire at :19.175, :20.175, … instead of on the second.
    LocalDateTime local = LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.SECONDS);
    // Walks wall-clock matches; a match in a repeated hour that maps before `after` is its second
    // occurrence, already covered by the first, so the walk goes on to the next match.
    for (int guard = 0; guard < 10_000; guard++) {
      LocalDateTime next = nextMatch(local);
      Instant instant = toInstant(next, rules);
      if (instant.isAfter(after)) {
        return instant;
      }
      local = next;
    }
    throw new IllegalStateException("cron '" + expression + "' found no fire time after " + after);
  }

  /** The next wall-clock time matching the fields, with no time zone in play. */
  private LocalDateTime nextMatch(LocalDateTime local) {
    ZonedDateTime asUtc = local.atZone(ZoneOffset.UTC);
    return times
        .nextExecution(asUtc)
        .orElseThrow(() -> new IllegalStateException("cron '" + expression + "' never fires again"))
        .toLocalDateTime();
  }

  private static Instant toInstant(LocalDateTime local, ZoneRules rules) {
    List<ZoneOffset> offsets = rules.getValidOffsets(local);
    if (offsets.isEmpty()) {
      ZoneOffsetTransition gap = rules.getTransition(local);
      return gap.getInstant();
    }
    return local.toInstant(offsets.get(0));
  }

  @Override
  public ZoneId zone() {
    return zone;
  }

  @Override
  public String describe() {
    return expression;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CronTrigger that
        && expression.equals(that.expression)
        && zone.equals(that.zone);
  }

  @Override
  public int hashCode() {
    return expression.hashCode() * 31 + zone.hashCode();
  }

  @Override
  public String toString() {
    return "cron '" + expression + "' in " + zone;
  }
}
