package io.drover.server.auth;

import io.drover.server.config.ConfigException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Without tokens the API has no auth, so it must not be reachable from other machines (DESIGN §8):
 * the server refuses to listen on anything but loopback then, and says how to fix it.
 */
public final class LoopbackGuard {
  private LoopbackGuard() {}

  /**
   * @throws ConfigException naming the {@code host} setting when it is not loopback and there are
   *     no tokens, or when it cannot be resolved
   */
  public static void check(String host, ApiTokens tokens) {
    if (tokens.enabled()) {
      return;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new ConfigException("host", "cannot be resolved (was " + host + ")");
    }
    for (InetAddress address : addresses) {
      if (!address.isLoopbackAddress()) {
        throw new ConfigException(
            "host",
            host
                + " is not a loopback address, and without API tokens the server listens on"
                + " loopback only, so nobody else can use an API that has no auth; give"
                + " --tokens-file (make tokens with: drover tokens create) or listen on 127.0.0.1");
      }
    }
  }
}
