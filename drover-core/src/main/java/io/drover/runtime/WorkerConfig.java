package io.drover.runtime;

import io.drover.store.QueuePattern;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * How a worker pool runs (DESIGN §6). Build with {@link #builder()}; {@link Builder#build()}
 * validates and names the field that is wrong.
 *
 * @param workerId unique per pool. Default: {@code host-pid-random}.
 * @param queues names or globs to claim from. Default: {@code *} (every queue).
 * @param concurrency handlers running at once. Default: 10.
 * @param lease how long a claim holds without a heartbeat. Default: 60 s.
 * @param heartbeatInterval how often leases are extended. Default: lease / 3.
 * @param pollInterval how often to look for work when no wake-up arrives. Default: 500 ms.
 * @param shutdownGrace how long stop waits for running handlers before releasing their jobs.
 *     Default: 30 s.
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
  public static final int MAX_CONCURRENCY = 10_000;
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);
  public static final Duration MIN_LEASE = Duration.ofSeconds(1);
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);
  public static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(10);
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

  public WorkerConfig {
    queues = List.copyOf(queues);
    if (queues.isEmpty()) {
      throw new IllegalArgumentException("queues: at least one queue or pattern is needed");
    }
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new IllegalArgumentException(
          "concurrency must be 1-" + MAX_CONCURRENCY + " (was " + concurrency + ")");
    }
    if (lease.compareTo(MIN_LEASE) < 0) {
      throw new IllegalArgumentException(
          "lease must be at least " + MIN_LEASE + " (was " + lease + ")");
    }
    if (heartbeatInterval.multipliedBy(3).compareTo(lease) > 0) {
      throw new IllegalArgumentException(
          "lease must be at least 3x the heartbeat interval (was lease "
              + lease
              + ", heartbeat "
              + heartbeatInterval
              + ")");
    }
    if (pollInterval.compareTo(MIN_POLL_INTERVAL) < 0) {
      throw new IllegalArgumentException(
          "poll interval must be at least " + MIN_POLL_INTERVAL + " (was " + pollInterval + ")");
    }
    if (shutdownGrace.isNegative()) {
      throw new IllegalArgumentException("shutdown grace must not be negative");
    }
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
