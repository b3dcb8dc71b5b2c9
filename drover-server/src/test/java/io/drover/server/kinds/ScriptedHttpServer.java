package io.drover.server.kinds;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A JDK HTTP server on 127.0.0.1 that answers each path with a script of replies, one per request,
 * repeating the last, and records what it was sent.
 */
final class ScriptedHttpServer implements AutoCloseable {
  /** One answer; {@code stall} holds the request open until the server closes. */
  record Reply(int status, Map<String, String> headers, String body, boolean stall) {
    static Reply of(int status, String body) {
      return new Reply(status, Map.of(), body, false);
    }

    static Reply stalled() {
      return new Reply(200, Map.of(), "", true);
    }

    Reply withHeader(String name, String value) {
      return new Reply(status, Map.of(name, value), body, stall);
    }
  }

  /** What a request carried, and when it arrived. */
  record Received(
      String method, String path, Map<String, List<String>> headers, String body, Instant at) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(entry -> entry.getKey().equalsIgnoreCase(name))
          .map(entry -> entry.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  ScriptedHttpServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::answer);
    server.start();
  }

  /** Answers {@code path} with these replies in turn, the last one from then on. */
  ScriptedHttpServer on(String path, Reply... replies) {
    scripts.put(path, new ArrayDeque<>(List.of(replies)));
    return this;
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  List<Received> received(String path) {
    return received.stream().filter(request -> request.path().equals(path)).toList();
  }

  private void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    received.add(
        new Received(
            exchange.getRequestMethod(),
            path,
            Map.copyOf(exchange.getRequestHeaders()),
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
            Instant.now()));
    Deque<Reply> script = scripts.get(path);
    Reply reply;
    synchronized (this) {
      reply =
          script == null
              ? Reply.of(404, "no script")
              : script.size() > 1 ? script.poll() : script.peek();
    }
    if (reply.stall()) {
      try {
        closing.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    reply.headers().forEach(exchange.getResponseHeaders()::add);
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }
}
