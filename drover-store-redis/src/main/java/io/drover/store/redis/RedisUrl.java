package io.drover.store.redis;

import io.lettuce.core.RedisURI;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Redis location as operators write it: {@code redis://[[user]:password@]host[:port][/database]},
 * {@code rediss://…} for TLS, or another form Lettuce reads (Sentinel, a Unix socket). Each part
 * that can be wrong is checked and named (the scheme, the host, the port, the database), and the
 * URL is never quoted: it may hold a password, so {@link #toString()}, {@link #describe()} and
 * every error leave it out. Lettuce's query options such as {@code ?timeout=5s} apply.
 */
public final class RedisUrl {
  /** The form an error shows, so a mistaken URL can be put right without reading docs. */
  private static final String FORM = "redis://[[user]:password@]host[:port][/database]";

  private static final String FORMS = FORM + ", or rediss://… for TLS";

  /** Schemes whose URL names one host, port and database. */
  private static final List<String> HOST_SCHEMES =
      List.of(
          RedisURI.URI_SCHEME_REDIS,
          RedisURI.URI_SCHEME_REDIS_SECURE,
          RedisURI.URI_SCHEME_REDIS_SECURE_ALT,
          RedisURI.URI_SCHEME_REDIS_TLS_ALT);

  /** Schemes Lettuce also reads, whose URLs it checks itself: Sentinel and Unix sockets. */
  private static final List<String> OTHER_SCHEMES =
      List.of(
          RedisURI.URI_SCHEME_REDIS_SENTINEL,
          RedisURI.URI_SCHEME_REDIS_SENTINEL_SECURE,
          RedisURI.URI_SCHEME_REDIS_SOCKET,
          RedisURI.URI_SCHEME_REDIS_SOCKET_ALT);

  private static final Pattern DATABASE = Pattern.compile("[0-9]{1,10}");

  private final URI uri;
  private final boolean tls;
  private final String place;

  private RedisUrl(URI uri, RedisURI parsed) {
    this.uri = uri;
    this.tls = parsed.isSsl();
    this.place = parsed.getHost() + ":" + parsed.getPort() + "/" + parsed.getDatabase();
  }

  /**
   * @throws IllegalArgumentException saying which part is wrong and the forms that work, quoting
   *     nothing of the URL but its scheme, port or database number
   */
  public static RedisUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("must be a Redis URL (" + FORMS + "), was empty");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      // The reason and index only: the exception's own message quotes the whole URL.
      throw new IllegalArgumentException(
          "must be a Redis URL ("
              + FORMS
              + "); it is not a URL: "
              + e.getReason()
              + " at index "
              + e.getIndex());
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(HOST_SCHEMES.contains(scheme) || OTHER_SCHEMES.contains(scheme))) {
      throw new IllegalArgumentException(
          "must start with redis://, or rediss:// for TLS, as in "
              + FORM
              + " (Lettuce's other forms, such as redis-sentinel:// and redis-socket://, work too)"
              + " (was "
              + (scheme == null ? "no scheme" : "'" + scheme + ":'")
              + ")");
    }
    if (HOST_SCHEMES.contains(scheme)) {
      checkHostPortAndDatabase(uri);
    }
    try {
      return new RedisUrl(uri, RedisURI.create(uri));
    } catch (IllegalArgumentException e) {
      // What is left for Lettuce to refuse is its query options, which it names.
      throw new IllegalArgumentException("must be a Redis URL (" + FORMS + "): " + e.getMessage());
    }
  }

  private static void checkHostPortAndDatabase(URI uri) {
    if (uri.getHost() == null) {
      throw new IllegalArgumentException(
          "must name a host as in redis://host:6379/0 (the part after // is not host[:port])");
    }
    int port = uri.getPort();
    if (port != -1 && (port < 1 || port > 65_535)) {
      throw new IllegalArgumentException("must have a port from 1 to 65535 (was " + port + ")");
    }
    String path = uri.getPath();
    String database = path == null || path.isEmpty() ? "" : path.substring(1);
    if (!database.isEmpty()
        && !(DATABASE.matcher(database).matches()
            && Long.parseLong(database) <= Integer.MAX_VALUE)) {
      throw new IllegalArgumentException(
          "must have a database number from 0 to "
              + Integer.MAX_VALUE
              + " after the host (was '"
              + database
              + "')");
    }
  }

  /**
   * Lettuce's form of this URL, a new one on each call as Lettuce's is mutable.
   *
   * @param commandTimeout the deadline of each call, unless the URL says {@code ?timeout=}
   */
  RedisURI toLettuce(Duration commandTimeout) {
    RedisURI lettuce = RedisURI.create(uri);
    if (lettuce.getTimeout().equals(RedisURI.DEFAULT_TIMEOUT_DURATION)) {
      lettuce.setTimeout(commandTimeout); // the URL said no ?timeout=
    }
    return lettuce;
  }

  /**
   * Where Redis is, for logs: {@code host:port/database}, after {@code rediss://} when the
   * connection is TLS; never credentials.
   */
  public String describe() {
    return (tls ? "rediss://" : "") + place;
  }

  /**
   * Where Redis is, with its scheme always, for the store's errors: {@code redis://host:port/0}.
   */
  String address() {
    return (tls ? "rediss://" : "redis://") + place;
  }

  @Override
  public String toString() {
    return describe();
  }
}
