package io.drover.store.jdbc;

import io.drover.store.ConfigChecks;
import java.time.Duration;
import java.time.InstantSource;
import java.util.regex.Pattern;

/**
 * How to open a PostgreSQL store. Build with {@link #builder(String)}; {@link Builder#build()}
 * validates and names the field that is wrong.
 *
 * @param url where the database is, with credentials kept out of logs. Required.
 * @param poolSize connections in the pool; the store holds one more, outside it, for wake-ups.
 *     Default: 10.
 * @param schema the schema Drover's tables live in, created by the first migration. Default: {@code
 *     drover}.
 * @param migrate whether opening applies pending migrations; when false, opening fails if any are
 *     pending. Default: true.
 * @param connectionTimeout how long an operation waits for a pooled connection before it fails as
 *     unavailable. Default: 2 s.
 * @param connectTimeout how long opening a connection (TCP, TLS and login) may take. Whole seconds,
 *     rounded up. Default: 5 s.
 * @param statementTimeout how long the server lets one statement run before it cancels it, and a
 *     transaction sit idle (its client frozen) before it ends it (PostgreSQL's {@code
 *     statement_timeout}); the call fails as unavailable. Migrations and the store's own VACUUM are
 *     exempt. Default: 15 s.
 * @param socketTimeout how long a connection waits for any answer from the server before it is
 *     dropped: the deadline of every call when the network, not the database, stalls (a black-holed
 *     connection). Longer than {@code statementTimeout}, so a slow statement is cancelled by the
 *     server first. Whole seconds, rounded up. Default: 20 s.
 * @param clock every time decision the store makes uses it. Default: the system clock.
 * @param metricRegistry where the connection pool reports its {@code hikaricp_*} meters: a
 *     Micrometer {@code MeterRegistry} (or a Dropwizard {@code MetricRegistry}), typed {@code
 *     Object} as HikariCP types it, so this module depends on neither. Default: none.
 */
public record PostgresConfig(
    PostgresUrl url,
    int poolSize,
    String schema,
    boolean migrate,
    Duration connectionTimeout,
    Duration connectTimeout,
    Duration statementTimeout,
    Duration socketTimeout,
    InstantSource clock,
    Object metricRegistry) {

  public static final int DEFAULT_POOL_SIZE = 10;
  public static final int MAX_POOL_SIZE = 1_000;
  public static final String DEFAULT_SCHEMA = "drover";
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(15);
  public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(20);

  /** The floor of the connect and socket timeouts, which the driver takes in whole seconds. */
  public static final Duration MIN_NETWORK_TIMEOUT = Duration.ofSeconds(1);

  /** The floor of the statement timeout: below it, ordinary claims would be cancelled. */
  public static final Duration MIN_STATEMENT_TIMEOUT = Duration.ofMillis(100);

  /** HikariCP's floor for how long to wait for a connection. */
  public static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);

  /**
   * Schema names Drover accepts: lower case, so they need no quoting, and short enough that the
   * wake-up channel named after them ({@code drover_jobs_<schema>}) fits PostgreSQL's 63-byte limit
   * on identifiers.
   */
  public static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,50}");

  public PostgresConfig {
    ConfigChecks.required("url", url);
    if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
      throw new IllegalArgumentException(
          "poolSize: must be between 1 and " + MAX_POOL_SIZE + " (was " + poolSize + ")");
    }
    if (schema == null || !SCHEMA_NAME.matcher(schema).matches()) {
      throw new IllegalArgumentException(
          "schema: must be 1-51 lower-case letters, digits or _, not starting with a digit (was '"
              + schema
              + "')");
    }
    ConfigChecks.atLeast("connectionTimeout", connectionTimeout, MIN_CONNECTION_TIMEOUT);
    ConfigChecks.atLeast("connectTimeout", connectTimeout, MIN_NETWORK_TIMEOUT);
    ConfigChecks.atLeast("statementTimeout", statementTimeout, MIN_STATEMENT_TIMEOUT);
    ConfigChecks.atLeast("socketTimeout", socketTimeout, MIN_NETWORK_TIMEOUT);
    if (socketTimeout.compareTo(statementTimeout) <= 0) {
      throw new IllegalArgumentException(
          "socketTimeout: must be longer than statementTimeout, so the server cancels a slow"
              + " statement before the connection is dropped (was "
              + socketTimeout.toMillis()
              + " ms, statementTimeout "
              + statementTimeout.toMillis()
              + " ms)");
    }
    ConfigChecks.required("clock", clock);
  }

  /**
   * Starts a configuration for the database at {@code url}, in either URL form.
   *
   * @throws IllegalArgumentException if the URL is not a PostgreSQL URL
   */
  public static Builder builder(String url) {
    return new Builder(PostgresUrl.parse(url));
  }

  /** The same configuration on another clock. */
  public PostgresConfig withClock(InstantSource clock) {
    return toBuilder().clock(clock).build();
  }

  /** The same configuration with the pool reporting to {@code metricRegistry}. */
  public PostgresConfig withMetricRegistry(Object metricRegistry) {
    return toBuilder().metricRegistry(metricRegistry).build();
  }

  private Builder toBuilder() {
    return new Builder(url)
        .poolSize(poolSize)
        .schema(schema)
        .migrate(migrate)
        .connectionTimeout(connectionTimeout)
        .connectTimeout(connectTimeout)
        .statementTimeout(statementTimeout)
        .socketTimeout(socketTimeout)
        .clock(clock)
        .metricRegistry(metricRegistry);
  }

  /** Where the store lives, for logs: {@code host:port/db schema=drover}, never credentials. */
  public String describe() {
    return url.describe() + " schema=" + schema;
  }

  /** The channel wake-ups travel on: one per schema, so two Drovers on one database stay apart. */
  String channel() {
    return "drover_jobs_" + schema;
  }

  /** The channel job events travel on; its prefix is no longer than the wake-ups' one. */
  String eventChannel() {
    return "drover_evts_" + schema;
  }

  public static final class Builder {
    private final PostgresUrl url;
    private int poolSize = DEFAULT_POOL_SIZE;
    private String schema = DEFAULT_SCHEMA;
    private boolean migrate = true;
    private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration statementTimeout = DEFAULT_STATEMENT_TIMEOUT;
    private Duration socketTimeout = DEFAULT_SOCKET_TIMEOUT;
    private InstantSource clock = InstantSource.system();
    private Object metricRegistry;

    private Builder(PostgresUrl url) {
      this.url = url;
    }

    public Builder poolSize(int poolSize) {
      this.poolSize = poolSize;
      return this;
    }

    public Builder schema(String schema) {
      this.schema = schema;
      return this;
    }

    public Builder migrate(boolean migrate) {
      this.migrate = migrate;
      return this;
    }

    public Builder connectionTimeout(Duration connectionTimeout) {
      this.connectionTimeout = connectionTimeout;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder statementTimeout(Duration statementTimeout) {
      this.statementTimeout = statementTimeout;
      return this;
    }

    public Builder socketTimeout(Duration socketTimeout) {
      this.socketTimeout = socketTimeout;
      return this;
    }

    public Builder clock(InstantSource clock) {
      this.clock = clock;
      return this;
    }

    public Builder metricRegistry(Object metricRegistry) {
      this.metricRegistry = metricRegistry;
      return this;
    }

    public PostgresConfig build() {
      return new PostgresConfig(
          url,
          poolSize,
          schema,
          migrate,
          connectionTimeout,
          connectTimeout,
          statementTimeout,
          socketTimeout,
          clock,
          metricRegistry);
    }
  }
}
