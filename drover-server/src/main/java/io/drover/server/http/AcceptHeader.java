package io.drover.server.http;

import java.util.Locale;

/**
 * Whether a request's {@code Accept} header allows a media type (RFC 9110 §12.5.1): no header, an
 * exact range, {@code type/*} or {@code *}{@code /*} with a quality above zero all do. Clients such
 * as curl send {@code *}{@code /*} or nothing, and must get what the route serves.
 */
final class AcceptHeader {
  private AcceptHeader() {}

  static boolean allows(String header, String mediaType) {
    if (header == null || header.isBlank()) {
      return true;
    }
    String type = mediaType.substring(0, mediaType.indexOf('/'));
    for (String range : header.split(",")) {
      String[] parts = range.split(";");
      String name = parts[0].trim().toLowerCase(Locale.ROOT);
      boolean matches = name.equals(mediaType) || name.equals(type + "/*") || name.equals("*/*");
      if (matches && quality(parts) > 0) {
        return true;
      }
    }
    return false;
  }

  /** The range's {@code q} parameter, 1 when absent or unreadable. */
  private static double quality(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim();
      if (parameter.startsWith("q=")) {
        try {
          return Double.parseDouble(parameter.substring(2).trim());
        } catch (NumberFormatException e) {
          return 1;
        }
      }
    }
    return 1;
  }
}
