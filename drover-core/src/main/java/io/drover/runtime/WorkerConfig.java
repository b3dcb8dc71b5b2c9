package io.drover.runtime;

import io.drover.Bounds;
import io.drover.store.QueuePattern;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * How a worker pool runs (DESIGN §6). Build with {@link #builder()}; {@link Builder#build()}
 * validates against {@link Bounds} and names the field that is wrong.
 *
 * @param workerId unique per pool. Default: {@code host-pid-random}.
 * @param queues names or globs to claim from. Default: {@code *} (every queue).
 * @param concurrency handlers running at once, 1-10,000. Default: 10.
 * @param lease how long a claim holds without a heartbeat, 1 s to 1 h. Default: 60 s.
 * @param heartbeatInterval how often leases are extended, at least 100 ms and at most a third of
 *     the lease. Default: lease / 3.
 * @param pollInterval how often an idle pool looks for work on a store whose wake-ups do not reach
 *     every process (SQLite); elsewhere the longest it waits is this or 15 s, whichever is longer
 *     ({@link IdlePacer}). 10 ms to 1 h. Default: 500 ms.
 * @param shutdownGrace how long stop waits for running handlers before releasing their jobs, 0 to 1
 *     h. Default: 30 s.
 */
public record WorkerConfig(
    String workerId,
    List<QueuePattern> queues,
    int concurrency,
    Duration lease,
    Duration heartbeatInterval,
    Duration pollInterval,
    Duration shutdownGrace) {

  public static final int DEFAULT_CONCURRENCY = 10;
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

  public WorkerConfig {
    queues = List.copyOf(queues);
    if (queues.isEmpty()) {
      throw new IllegalArgumentException("queues: at least one queue or pattern is needed");
    }
    Bounds.check("concurrency", concurrency, 1, Bounds.MAX_CONCURRENCY);
    Bounds.check("lease", lease, Bounds.MIN_LEASE, Bounds.MAX_LEASE);
    Bounds.check(
        "heartbeat_interval", heartbeatInterval, Bounds.MIN_HEARTBEAT_INTERVAL, Bounds.MAX_LEASE);
    if (heartbeatInterval.multipliedBy(3).compareTo(lease) > 0) {
      throw new IllegalArgumentException(
          "lease must be at least 3x the heartbeat interval (was lease "
              + lease
              + ", heartbeat "
              + heartbeatInterval
              + ")");
    }
    Bounds.check("poll_interval", pollInterval, Bounds.MIN_POLL_INTERVAL, Bounds.MAX_POLL_INTERVAL);
    Bounds.check("shutdown_grace", shutdownGrace, Duration.ZERO, Bounds.MAX_SHUTDOWN_GRACE);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A worker id that says where the worker runs: {@code host-pid-xxxx}. */
  public static String defaultWorkerId() {
    String host = hostName();
    long pid = ManagementFactory.getRuntimeMXBean().getPid();
    return host + "-" + pid + "-" + UUID.randomUUID().toString().substring(0, 4);
  }

  /** This machine's name as the registry shows it. */
  public static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  public static final class Builder {
    private String workerId;
    private List<QueuePattern> queues = List.of(QueuePattern.of("*"));
    private int concurrency = DEFAULT_CONCURRENCY;
    private Duration lease = DEFAULT_LEASE;
    private Duration heartbeatInterval;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;

    private Builder() {}

    public Builder workerId(String workerId) {
      this.workerId = workerId;
      return this;
    }

    public Builder queues(List<QueuePattern> queues) {
      this.queues = queues;
      return this;
    }

    /** Comma-separated names or globs, e.g. {@code "scrape.*,email"}. */
    public Builder queues(String commaSeparated) {
      return queues(QueuePattern.parseList(commaSeparated));
    }

    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    public Builder lease(Duration lease) {
      this.lease = lease;
      return this;
    }

    public Builder heartbeatInterval(Duration heartbeatInterval) {
      this.heartbeatInterval = heartbeatInterval;
      return this;
    }

    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
      return this;
    }

    public Builder shutdownGrace(Duration shutdownGrace) {
      this.shutdownGrace = shutdownGrace;
      return this;
    }

    public WorkerConfig build() {
      return new WorkerConfig(
          workerId == null ? defaultWorkerId() : workerId,
          queues,
          concurrency,
          lease,
          heartbeatInterval == null ? lease.dividedBy(3) : heartbeatInterval,
          pollInterval,
          shutdownGrace);
    }
  }
}
