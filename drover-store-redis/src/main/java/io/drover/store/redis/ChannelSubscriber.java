package io.drover.store.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.function.Consumer;

/**
 * One pub/sub connection that hands each message of a channel to a consumer, on Lettuce's event
 * thread, opened only when first needed so processes that never listen hold no extra connection.
 * Lettuce subscribes again after a reconnect; messages sent meanwhile are lost, so each
 * subscription after the first is told ({@code onResubscribed}) and listeners can look for
 * themselves.
 */
final class ChannelSubscriber implements AutoCloseable {
  private final RedisLink link;
  private final String channel;
  private final Consumer<String> onMessage;
  private final Runnable onResubscribed;
  private StatefulRedisPubSubConnection<String, String> connection; // guarded by this

  ChannelSubscriber(
      RedisLink link, String channel, Consumer<String> onMessage, Runnable onResubscribed) {
    this.link = link;
    this.channel = channel;
    this.onMessage = onMessage;
    this.onResubscribed = onResubscribed;
  }

  /**
   * Subscribes unless already subscribed.
   *
   * @throws io.drover.StoreUnavailableException if the subscription cannot be made
   */
  synchronized void ensureSubscribed() {
    if (connection != null) {
      return;
    }
    StatefulRedisPubSubConnection<String, String> opened = link.connectPubSub();
    opened.addListener(
        new RedisPubSubAdapter<>() {
          private boolean subscribedBefore; // Lettuce calls back on one thread per connection

          @Override
          public void message(String from, String message) {
            onMessage.accept(message);
          }

          @Override
          public void subscribed(String to, long count) {
            if (subscribedBefore) {
              onResubscribed.run();
            }
            subscribedBefore = true;
          }
        });
    try {
      opened.sync().subscribe(channel);
    } catch (RedisException e) {
      opened.close();
      throw link.unavailable("subscribe " + channel, e);
    }
    connection = opened;
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }
}
