package io.drover.server;

import io.drover.server.auth.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A tokens file with one token per role, made as an operator would: fresh secrets, only their
 * digests in the file. The producer may use {@code email} and {@code scrape.*} only.
 */
public record TestTokens(Path file, Map<String, String> secrets) {

  public static TestTokens write(Path dir) {
    Map<String, String> secrets = new HashMap<>();
    StringJoiner entries = new StringJoiner(",\n", "[\n", "\n]\n");
    for (String[] token :
        new String[][] {
          {"admin", "admin", "\"*\""},
          {"producer", "producer", "\"email\", \"scrape.*\""},
          {"worker", "worker", "\"*\""},
          {"viewer", "viewer", "\"*\""}
        }) {
      String secret = Secrets.newSecret();
      secrets.put(token[0], secret);
      entries.add(
          "{\"name\": \""
              + token[0]
              + "\", \"role\": \""
              + token[1]
              + "\", \"queues\": ["
              + token[2]
              + "], \"sha256\": \""
              + Secrets.sha256Hex(secret)
              + "\"}");
    }
    Path file = dir.resolve("tokens.json");
    try {
      Files.writeString(file, entries.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new TestTokens(file, Map.copyOf(secrets));
  }

  /** The server setting that makes a server use these tokens. */
  public Map<String, String> setting() {
    return Map.of("DROVER_TOKENS_FILE", file.toString());
  }

  public String secret(String name) {
    return secrets.get(name);
  }
}
