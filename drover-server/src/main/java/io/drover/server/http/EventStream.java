package io.drover.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drover.events.EventChannel;
import io.drover.events.JobEvent;
import io.drover.store.Subscription;
import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One client's event stream. The channel's thread only drops matching events into a bounded queue;
 * a virtual thread of the stream's own writes them, so a slow client never holds up the channel or
 * other clients. A client so slow that its queue fills is told so and disconnected, to reconnect
 * and re-read what it missed, rather than be handed a stream with silent holes.
 */
final class EventStream {
  /** Events waiting for one client before it counts as too slow. */
  static final int MAX_PENDING = 10_000;

  /** A comment this often keeps proxies from closing a quiet stream. */
  static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

  private final SseClient client;
  private final BlockingQueue<JobEvent> pending = new ArrayBlockingQueue<>(MAX_PENDING);
  private volatile boolean overflowed;

  private EventStream(SseClient client) {
    this.client = client;
  }

  static void start(SseClient client, EventChannel channel, Predicate<JobEvent> filter) {
    EventStream stream = new EventStream(client);
    client.keepAlive();
    Subscription subscription =
        channel.subscribe(
            event -> {
              if (filter.test(event) && !stream.pending.offer(event)) {
                stream.overflowed = true;
              }
            });
    client.onClose(subscription::close);
    // Subscribed before this comment goes out, so a client that has read it misses nothing after.
    client.sendComment("subscribed");
    Thread.ofVirtual().name("drover-sse").start(stream::write);
  }

  private void write() {
    try {
      while (!client.terminated()) {
        JobEvent event = pending.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
        if (overflowed) {
          client.sendComment("too slow: " + MAX_PENDING + " events waiting; reconnect");
          client.close();
        } else if (event == null) {
          client.sendComment("keep-alive");
        } else {
          client.sendEvent(event.type().wireName(), Json.write(json(event)));
        }
      }
    } catch (InterruptedException e) {
      client.close();
    }
  }

  static ObjectNode json(JobEvent event) {
    ObjectNode node = Json.object();
    node.put("type", event.type().wireName());
    if (event.type().isRunEvent()) {
      node.put("run_id", event.jobId().toString());
      node.put("name", event.kind());
      node.put("at", JobJson.time(event.at()));
      return node;
    }
    node.put("job_id", event.jobId().toString());
    node.put("queue", event.queue());
    node.put("kind", event.kind());
    node.put("attempt", event.attempt());
    node.put("at", JobJson.time(event.at()));
    if (event.progress() != null) {
      ObjectNode progress = node.putObject("progress");
      progress.put("percent", event.progress().percent());
      progress.put("message", event.progress().message());
    }
    if (event.error() != null) {
      node.put("error", event.error());
    }
    if (event.retryAt() != null) {
      node.put("retry_at", JobJson.time(event.retryAt()));
    }
    return node;
  }
}
