package io.drover.tck;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder to a store's server that a test can stall: connections stay open and accepted,
 * but no byte moves either way, as when a network partition or a firewall drops packets (a
 * black-holed connection). Without a target it is a black hole from the start: it accepts and never
 * answers.
 */
public final class StallingProxy implements AutoCloseable {
  private final String targetHost;
  private final int targetPort;
  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Object gate = new Object();
  private boolean stalled; // guarded by gate

  /** Forwards to {@code targetHost:targetPort} until {@link #stall()}. */
  public StallingProxy(String targetHost, int targetPort) throws IOException {
    this(targetHost, targetPort, 0);
  }

  /**
   * Forwards from {@code listenPort} on loopback (0: any free one), e.g. a port a process was told
   * before its store came up.
   */
  public StallingProxy(String targetHost, int targetPort, int listenPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort));
    Thread.ofVirtual().start(this::accept);
  }

  /** Accepts connections and never answers on any of them. */
  public static StallingProxy blackHole() throws IOException {
    StallingProxy proxy = new StallingProxy(null, 0);
    proxy.stall();
    return proxy;
  }

  public int port() {
    return server.getLocalPort();
  }

  /** From now on, holds every byte in flight; connections stay open. */
  public void stall() {
    synchronized (gate) {
      stalled = true;
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
    synchronized (gate) {
      stalled = false;
      gate.notifyAll();
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        if (targetHost == null) {
          continue; // a black hole: keep the connection, say nothing
        }
        Socket target = new Socket(targetHost, targetPort);
        sockets.add(target);
        Thread.ofVirtual().start(() -> pump(client, target));
        Thread.ofVirtual().start(() -> pump(target, client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[8192];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        awaitFlowing();
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException | InterruptedException cut) {
      // One side closed, or the proxy: close both, as a dead server would.
    } finally {
      try {
        from.close();
        to.close();
      } catch (IOException ignored) {
        // already closed
      }
    }
  }

  private void awaitFlowing() throws InterruptedException {
    synchronized (gate) {
      while (stalled && !server.isClosed()) {
        gate.wait();
      }
    }
  }
}
