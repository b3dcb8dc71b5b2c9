package io.drover.server.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The browser origins allowed to call the API: {@code scheme://host[:port]} each, or {@code *}. */
public final class CorsOrigins {
  private CorsOrigins() {}

  /**
   * Parses a comma-separated list.
   *
   * @throws IllegalArgumentException naming the first entry that is not an origin
   */
  public static List<String> parse(String commaSeparated) {
    List<String> origins =
        Arrays.stream(commaSeparated.split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    for (String origin : origins) {
      if (!origin.equals("*") && !isOrigin(origin)) {
        throw new IllegalArgumentException(
            "must be origins like https://ops.example.com or http://localhost:3000, or * (was '"
                + origin
                + "')");
      }
    }
    return origins;
  }

  private static boolean isOrigin(String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && uri.getRawUserInfo() == null
          && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
          && uri.getRawQuery() == null
          && uri.getRawFragment() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
