package io.drover.store.redis;

import io.drover.events.RemoteEventChannel;
import java.util.List;
import java.util.Map;

/**
 * Job events over Redis pub/sub, on a channel apart from wake-ups so worker processes never receive
 * them; a batch of events goes out as one pipelined write.
 */
final class RedisEventChannel extends RemoteEventChannel {
  /** Keeps one message well inside what a subscriber reads in one go. */
  private static final int MAX_MESSAGE_BYTES = 64 * 1024;

  private final RedisLink link;
  private final String channel;
  private final ChannelSubscriber subscriber;

  RedisEventChannel(RedisLink link, String channel) {
    super("redis " + channel, MAX_MESSAGE_BYTES);
    this.link = link;
    this.channel = channel;
    this.subscriber = new ChannelSubscriber(link, channel, this::deliver, () -> {});
  }

  @Override
  protected void send(List<String> messages) {
    Batch batch = link.batch("publish events");
    for (String message : messages) {
      batch.command(commands -> commands.publish(channel, message));
    }
    batch.execute();
  }

  @Override
  protected boolean anyoneListens() {
    Batch batch = link.batch("count event listeners");
    Reply<Map<String, Long>> subscribers =
        batch.command(commands -> commands.pubsubNumsub(channel));
    batch.execute();
    Long count = subscribers.get().get(channel);
    return count != null && count > 0;
  }

  @Override
  protected void listen() {
    subscriber.ensureSubscribed();
  }

  @Override
  protected void stopListening() {
    subscriber.close();
  }
}
