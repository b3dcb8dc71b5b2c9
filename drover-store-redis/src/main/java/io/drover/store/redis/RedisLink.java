package io.drover.store.redis;

import io.drover.DroverException;
import io.drover.StoreUnavailableException;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's one Redis connection. Lettuce multiplexes it across threads; automatic flushing is
 * off so that each {@link Batch} goes out in a single write. Driver exceptions are translated here
 * into {@link StoreUnavailableException} or {@link io.drover.StoreFailureException}, never leaked.
 */
final class RedisLink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedisLink.class);

  private final RedisClient client;
  private final RedisURI uri;
  private final RedisUrl url;
  private final StatefulRedisConnection<String, String> connection;
  // Held while a batch is written, so one batch's flush never sends another's half-queued calls.
  private final ReentrantLock issuing = new ReentrantLock();

  private RedisLink(
      RedisClient client,
      RedisURI uri,
      RedisUrl url,
      StatefulRedisConnection<String, String> connection) {
    this.client = client;
    this.uri = uri;
    this.url = url;
    this.connection = connection;
  }

  /**
   * Connects and loads every script; every call then waits at most the command timeout.
   *
   * @throws StoreUnavailableException when the server cannot be reached
   * @throws io.drover.StoreFailureException when the server refuses the login
   */
  static RedisLink open(RedisConfig config) {
    RedisUrl url = config.url();
    RedisURI uri = url.toLettuce(config.commandTimeout());
    RedisClient client = RedisClient.create();
    // Fail at once while disconnected instead of queueing commands until the timeout: callers
    // (the worker loop, the enqueue spool) have their own retry and need to know now.
    client.setOptions(
        ClientOptions.builder()
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(
                SocketOptions.builder()
                    .connectTimeout(config.connectTimeout())
                    .keepAlive(true)
                    .build())
            .build());
    StatefulRedisConnection<String, String> connection;
    try {
      connection = client.connect(StringCodec.UTF8, uri);
    } catch (RedisException e) {
      client.shutdown();
      // Unreachable is worth waiting for; a refused login (WRONGPASS, NOAUTH) is not.
      throw RedisErrors.translate(
          "redis store: cannot connect to " + url.address() + ": " + e.getMessage(), e);
    }
    connection.setAutoFlushCommands(false);
    RedisLink link = new RedisLink(client, uri, url, connection);
    try {
      link.load(List.of(LuaScript.values()));
    } catch (RuntimeException e) {
      link.close();
      throw e;
    }
    return link;
  }

  Batch batch(String operation) {
    return new Batch(this, operation);
  }

  /** Writes the calls in order and flushes them once. */
  void issue(Collection<? extends Batch.Call<?>> calls) {
    issuing.lock();
    try {
      RedisAsyncCommands<String, String> commands = connection.async();
      for (Batch.Call<?> call : calls) {
        call.send(commands);
      }
    } finally {
      connection.flushCommands();
      issuing.unlock();
    }
  }

  /** Loads scripts into the server's cache (SCRIPT LOAD), checking the digests agree. */
  void load(Collection<LuaScript> scripts) {
    Batch batch = batch("load scripts");
    List<Reply<String>> shas = new ArrayList<>();
    for (LuaScript script : scripts) {
      shas.add(batch.command(c -> c.scriptLoad(script.source())));
    }
    batch.execute();
    int i = 0;
    for (LuaScript script : scripts) {
      String sha = shas.get(i++).get();
      if (!script.sha().equals(sha)) {
        throw new IllegalStateException(
            "redis store: server digest " + sha + " differs from ours for script " + script);
      }
    }
    log.debug("redis store: loaded scripts count={}", scripts.size());
  }

  /** A second connection for pub/sub, which cannot share the command connection. */
  StatefulRedisPubSubConnection<String, String> connectPubSub() {
    try {
      return client.connectPubSub(StringCodec.UTF8, uri);
    } catch (RedisException e) {
      throw unavailable("subscribe", e);
    }
  }

  Duration timeout() {
    return uri.getTimeout();
  }

  /** Where the store is, without credentials, for logs and messages. */
  String address() {
    return url.address();
  }

  StoreUnavailableException unavailable(String operation, Throwable cause) {
    return new StoreUnavailableException(message(operation, cause), cause);
  }

  /**
   * Unavailable, or a store failure when the server answered with an error ({@link RedisErrors}).
   */
  DroverException failed(String operation, Throwable cause) {
    return RedisErrors.translate(message(operation, cause), cause);
  }

  private String message(String operation, Throwable cause) {
    return "redis store: " + operation + " failed on " + url.address() + ": " + cause;
  }

  @Override
  public void close() {
    try {
      connection.close();
    } finally {
      client.shutdown();
    }
  }
}
