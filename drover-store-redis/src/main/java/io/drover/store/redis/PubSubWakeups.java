package io.drover.store.redis;

import io.drover.store.LocalWakeups;
import io.drover.store.Subscription;
import io.drover.store.WakeupListener;
import java.util.List;

/**
 * Wake-ups over Redis pub/sub: the scripts publish a queue's name on the store's channel when it
 * gets claimable jobs, or a {@link io.drover.store.WakeupMessage#due} when it gets delayed ones,
 * and one subscriber connection, opened at the first {@link #subscribe}, hands each to every
 * listener. After a reconnect listeners are told that messages may have been lost.
 */
final class PubSubWakeups implements AutoCloseable {
  private final LocalWakeups wakeups = new LocalWakeups();
  private final ChannelSubscriber subscriber;

  PubSubWakeups(RedisLink link, String channel) {
    this.subscriber =
        new ChannelSubscriber(
            link, channel, message -> wakeups.signal(List.of(message)), wakeups::signalMissed);
  }

  Subscription subscribe(WakeupListener listener) {
    subscriber.ensureSubscribed();
    return wakeups.subscribe(listener);
  }

  @Override
  public void close() {
    subscriber.close();
    wakeups.clear();
  }
}
