package io.drover.store.jdbc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL location as operators write it, in either form: {@code
 * postgres://user:pass@host:port/db?sslmode=require} (also {@code postgresql://}, the libpq form
 * that {@code DATABASE_URL} usually holds) or {@code jdbc:postgresql://host:port/db?user=…}. Both
 * become a JDBC URL without credentials plus the user and password on their own, so the URL can be
 * logged and the password never is: {@link #toString()} and {@link #describe()} leave it out, and
 * errors about a malformed URL quote none of it.
 */
public final class PostgresUrl {
  /** The port PostgreSQL listens on unless told otherwise. */
  public static final int DEFAULT_PORT = 5432;

  private static final String JDBC_PREFIX = "jdbc:postgresql://";
  private static final List<String> LIBPQ_PREFIXES = List.of("postgres://", "postgresql://");
  private static final String SCHEMES = "postgres://, postgresql:// or jdbc:postgresql://";

  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final String describe;

  private PostgresUrl(String jdbcUrl, String user, String password, String describe) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.describe = describe;
  }

  /**
   * Parses either form. In the libpq form, user and password are percent-decoded; an unencoded
   * {@code @} in the password is tolerated (the last {@code @} ends the credentials). Query
   * parameters other than {@code user} and {@code password} pass to the driver unchanged ({@code
   * sslmode} means the same to both).
   *
   * @throws IllegalArgumentException naming the forms that work, quoting nothing of the URL but its
   *     scheme
   */
  public static PostgresUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("must be a PostgreSQL URL (" + SCHEMES + "), was empty");
    }
    String text = url.strip();
    if (text.startsWith(JDBC_PREFIX)) {
      return parse(text.substring(JDBC_PREFIX.length()), null, null);
    }
    for (String prefix : LIBPQ_PREFIXES) {
      if (text.startsWith(prefix)) {
        return parseLibpq(text.substring(prefix.length()));
      }
    }
    int colon = text.indexOf(':');
    String scheme = colon < 0 ? "no scheme" : "'" + text.substring(0, colon) + ":'";
    throw new IllegalArgumentException("must start with " + SCHEMES + " (was " + scheme + ")");
  }

  /** The libpq form may carry {@code user:password@} before the host; the rest is as in JDBC's. */
  private static PostgresUrl parseLibpq(String rest) {
    int queryStart = rest.indexOf('?');
    int at = rest.lastIndexOf('@', queryStart < 0 ? rest.length() : queryStart);
    if (at < 0) {
      return parse(rest, null, null);
    }
    String credentials = rest.substring(0, at);
    int colon = credentials.indexOf(':');
    String user = decode(colon < 0 ? credentials : credentials.substring(0, colon));
    String password = colon < 0 ? null : decode(credentials.substring(colon + 1));
    return parse(rest.substring(at + 1), user, password);
  }

  /** Parses {@code hosts/database?query}, which both forms share. */
  private static PostgresUrl parse(String rest, String user, String password) {
    int queryStart = rest.indexOf('?');
    String location = queryStart < 0 ? rest : rest.substring(0, queryStart);
    String query = queryStart < 0 ? "" : rest.substring(queryStart + 1);
    int slash = location.indexOf('/');
    String hosts = slash < 0 ? location : location.substring(0, slash);
    String database = slash < 0 ? "" : location.substring(slash + 1);
    return build(hosts.isEmpty() ? "localhost" : hosts, database, query, user, password);
  }

  /** Moves user and password out of the query; they win over credentials before the host. */
  private static PostgresUrl build(
      String hosts, String database, String query, String user, String password) {
    List<String> kept = new ArrayList<>();
    for (String parameter : query.split("&")) {
      if (parameter.isEmpty()) {
        continue;
      }
      int equals = parameter.indexOf('=');
      String name = equals < 0 ? parameter : parameter.substring(0, equals);
      String value = equals < 0 ? "" : decode(parameter.substring(equals + 1));
      switch (name) {
        case "user" -> user = value;
        case "password" -> password = value;
        default -> kept.add(parameter);
      }
    }
    String jdbcUrl =
        JDBC_PREFIX + hosts + "/" + database + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
    return new PostgresUrl(jdbcUrl, user, password, withPorts(hosts) + "/" + database);
  }

  /** {@code host} as {@code host:5432}; each of several hosts likewise; IPv6 in brackets kept. */
  private static String withPorts(String hosts) {
    List<String> shown = new ArrayList<>();
    for (String host : hosts.split(",")) {
      boolean hasPort = host.startsWith("[") ? host.contains("]:") : host.contains(":");
      shown.add(hasPort ? host : host + ":" + DEFAULT_PORT);
    }
    return String.join(",", shown);
  }

  /** Percent-decoding as URLs define it; unlike form decoding, {@code +} stays a plus. */
  private static String decode(String text) {
    StringBuilder decoded = new StringBuilder(text.length());
    ByteArrayOutputStream escaped = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '%' && isHex(text, i + 1) && isHex(text, i + 2)) {
        escaped.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        // Escapes in a row are the UTF-8 bytes of one run of text.
        decoded.append(escaped.toString(StandardCharsets.UTF_8)).append(ch);
        escaped.reset();
      }
    }
    return decoded.append(escaped.toString(StandardCharsets.UTF_8)).toString();
  }

  private static boolean isHex(String text, int index) {
    return index < text.length() && Character.digit(text.charAt(index), 16) >= 0;
  }

  /** The URL for the driver, without user or password. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** The user to log in as, or null for the driver's default. */
  public String user() {
    return user;
  }

  /** The password, or null when none was given (trust or peer authentication). */
  public String password() {
    return password;
  }

  /** Where the database is, for logs and messages: {@code host:port/db}, never credentials. */
  public String describe() {
    return describe;
  }

  @Override
  public String toString() {
    return describe;
  }
}
