package io.drover.server.kinds;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The hosts the {@code http} kind may call: exact names or addresses, or globs where {@code *}
 * matches any run of characters ({@code *.example.com}); a lone {@code *} allows every host.
 * Matching is on the host as written in the job's URL, without resolving it, so an operator lists
 * names as clients write them.
 */
public final class HostAllowList {
  private static final Pattern ENTRY = Pattern.compile("[A-Za-z0-9.*:_\\[\\]-]{1,253}");

  private final List<String> entries;
  private final List<Pattern> patterns;

  public HostAllowList(List<String> entries) {
    this.entries = List.copyOf(entries);
    this.patterns =
        this.entries.stream()
            .map(entry -> Pattern.compile(Pattern.quote(normalize(entry)).replace("*", "\\E.*\\Q")))
            .toList();
  }

  /**
   * Parses a comma-separated list.
   *
   * @throws IllegalArgumentException naming the first entry that cannot be a host or glob
   */
  public static List<String> parse(String commaSeparated) {
    List<String> entries =
        Arrays.stream(commaSeparated.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("must name at least one host, or * for any");
    }
    for (String entry : entries) {
      if (!ENTRY.matcher(entry).matches()) {
        throw new IllegalArgumentException(
            "must be host names, IP addresses or globs such as *.example.com (was '"
                + entry
                + "')");
      }
    }
    return entries;
  }

  public boolean allows(String host) {
    String normalized = normalize(host);
    return patterns.stream().anyMatch(pattern -> pattern.matcher(normalized).matches());
  }

  @Override
  public String toString() {
    return String.join(",", entries);
  }

  /** Lower case, and IPv6 literals without the brackets URLs put around them. */
  private static String normalize(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    return lower.startsWith("[") && lower.endsWith("]")
        ? lower.substring(1, lower.length() - 1)
        : lower;
  }
}
