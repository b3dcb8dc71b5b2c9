package io.drover.store.redis;

import io.drover.store.Subscription;
import io.drover.store.WakeupListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wake-ups over Redis pub/sub: the scripts publish a queue's name on the store's channel when it
 * gets claimable jobs, and one subscriber connection, opened at the first {@link #subscribe}, hands
 * each message to every listener on Lettuce's event thread. Lettuce resubscribes after a reconnect;
 * messages sent meanwhile are lost, which polling covers.
 */
final class PubSubWakeups implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PubSubWakeups.class);

  private final RedisLink link;
  private final String channel;
  private final List<WakeupListener> listeners = new CopyOnWriteArrayList<>();
  private StatefulRedisPubSubConnection<String, String> connection; // guarded by this

  PubSubWakeups(RedisLink link, String channel) {
    this.link = link;
    this.channel = channel;
  }

  synchronized Subscription subscribe(WakeupListener listener) {
    if (connection == null) {
      connection = connect();
    }
    // A fresh object per subscription, so closing one never removes another of the same listener.
    WakeupListener registration = listener::jobsAvailable;
    listeners.add(registration);
    return () -> listeners.remove(registration);
  }

  @Override
  public synchronized void close() {
    listeners.clear();
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }

  private StatefulRedisPubSubConnection<String, String> connect() {
    StatefulRedisPubSubConnection<String, String> opened = link.connectPubSub();
    opened.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(String from, String queue) {
            signal(queue);
          }
        });
    try {
      opened.sync().subscribe(channel);
      return opened;
    } catch (RedisException e) {
      opened.close();
      throw link.unavailable("subscribe", e);
    }
  }

  /** Tells every listener; one that throws never stops the others or the connection. */
  private void signal(String queue) {
    for (WakeupListener listener : listeners) {
      try {
        listener.jobsAvailable(queue);
      } catch (RuntimeException e) {
        log.warn("redis store: wakeup listener failed queue={}", queue, e);
      }
    }
  }
}
