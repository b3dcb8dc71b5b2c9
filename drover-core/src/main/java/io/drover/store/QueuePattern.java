package io.drover.store;

import io.drover.InvalidJobException;
import io.drover.JobSpec;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A queue name or a glob over queue names: {@code *} matches any run of characters (dots included),
 * so {@code scrape.*} matches {@code scrape.high} and {@code scrape.eu.low}, and a lone {@code *}
 * matches every queue.
 */
public final class QueuePattern {
  private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9.*_:-]{1,128}");

  private final String text;
  private final Pattern regex;

  private QueuePattern(String text) {
    this.text = text;
    this.regex = Pattern.compile(Pattern.quote(text).replace("*", "\\E.*\\Q"));
  }

  /**
   * Parses one pattern.
   *
   * @throws InvalidJobException naming the {@code queues} field
   */
  public static QueuePattern of(String text) {
    if (text == null || !GLOB.matcher(text).matches()) {
      throw new InvalidJobException(
          "queues", "'" + text + "' is not a queue name or glob (letters, digits, . _ : - and *)");
    }
    if (!text.contains("*")) {
      JobSpec.checkName("queues", text);
    }
    return new QueuePattern(text);
  }

  /** Parses a comma-separated list such as {@code "scrape.*,email"}. */
  public static List<QueuePattern> parseList(String commaSeparated) {
    return java.util.Arrays.stream(commaSeparated.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(QueuePattern::of)
        .toList();
  }

  public boolean matches(String queue) {
    return isLiteral() ? text.equals(queue) : regex.matcher(queue).matches();
  }

  /** True when the pattern names one queue (no wildcard). */
  public boolean isLiteral() {
    return text.indexOf('*') < 0;
  }

  /** True for {@code *}, which matches every queue. */
  public boolean matchesAll() {
    return text.equals("*");
  }

  /** The pattern as written. */
  public String text() {
    return text;
  }

  /** True if any of {@code patterns} matches {@code queue}. */
  public static boolean anyMatches(List<QueuePattern> patterns, String queue) {
    for (QueuePattern pattern : patterns) {
      if (pattern.matches(queue)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof QueuePattern that && text.equals(that.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
