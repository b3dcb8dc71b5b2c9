package io.drover.server.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.drover.InvalidJobException;
import io.drover.server.config.ConfigException;
import io.drover.store.QueuePattern;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the tokens file: a JSON array of {@code {"name", "role", "queues": [patterns], "sha256"}},
 * where sha256 is the hex digest of the token's secret, so the file holds no secret. Every entry is
 * checked, and the first problem stops the server naming the entry and field.
 */
public final class TokenFile {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Set<String> FIELDS = Set.of("name", "role", "queues", "sha256");
  private static final Pattern HEX_DIGEST = Pattern.compile("[0-9a-fA-F]{64}");

  private TokenFile() {}

  /**
   * Loads the tokens; a null path means none.
   *
   * @throws ConfigException naming the {@code tokensFile} setting, the file, the entry and field
   */
  public static ApiTokens load(Path file) {
    if (file == null) {
      return ApiTokens.NONE;
    }
    return check(file, read(file));
  }

  /**
   * The file's JSON, unchecked.
   *
   * @throws ConfigException when it cannot be read or is not JSON
   */
  static JsonNode read(Path file) {
    try {
      return JSON.readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      throw problem(file, "is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw problem(file, "cannot be read: " + e);
    }
  }

  /**
   * Checks entries as {@link #load} would read them from {@code file}.
   *
   * @throws ConfigException naming the file, the entry and field
   */
  static ApiTokens check(Path file, JsonNode root) {
    try {
      return new ApiTokens(parse(root));
    } catch (IllegalArgumentException e) {
      throw problem(file, e.getMessage());
    }
  }

  private static List<ApiToken> parse(JsonNode root) {
    if (root == null || !root.isArray() || root.isEmpty()) {
      throw new IllegalArgumentException(
          "must be a JSON array of at least one token; make entries with: drover tokens create");
    }
    List<ApiToken> tokens = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> digests = new HashSet<>();
    for (int i = 0; i < root.size(); i++) {
      ApiToken token = entry("[" + i + "]", root.get(i));
      if (!names.add(token.name())) {
        throw new IllegalArgumentException("[" + i + "].name '" + token.name() + "' is used twice");
      }
      if (!digests.add(HexFormat.of().formatHex(token.sha256()))) {
        throw new IllegalArgumentException(
            "[" + i + "].sha256 is the same as an earlier token's; give each its own secret");
      }
      tokens.add(token);
    }
    return tokens;
  }

  private static ApiToken entry(String at, JsonNode entry) {
    if (!entry.isObject()) {
      throw new IllegalArgumentException(at + " must be an object");
    }
    for (Iterator<String> fields = entry.fieldNames(); fields.hasNext(); ) {
      String field = fields.next();
      if (!FIELDS.contains(field)) {
        throw new IllegalArgumentException(
            at + "." + field + " is not a known field (expected name, role, queues, sha256)");
      }
    }
    String name = text(at, entry, "name");
    if (!ApiToken.NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          at + ".name must be 1-64 letters, digits or . _ : @ - (was '" + name + "')");
    }
    String roleName = text(at, entry, "role");
    Role role;
    try {
      role = Role.parse(roleName);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at + ".role " + e.getMessage());
    }
    String digest = text(at, entry, "sha256");
    if (!HEX_DIGEST.matcher(digest).matches()) {
      throw new IllegalArgumentException(
          at + ".sha256 must be the 64 hex digits of the secret's SHA-256 digest");
    }
    return new ApiToken(
        name, role, queues(at, entry.get("queues")), HexFormat.of().parseHex(digest));
  }

  private static List<QueuePattern> queues(String at, JsonNode value) {
    if (value == null || !value.isArray() || value.isEmpty()) {
      throw new IllegalArgumentException(
          at + ".queues must be a non-empty array of queue names or globs, e.g. [\"*\"]");
    }
    List<QueuePattern> patterns = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode pattern = value.get(i);
      try {
        patterns.add(
            QueuePattern.of(pattern.isTextual() ? pattern.textValue() : pattern.toString()));
      } catch (InvalidJobException e) {
        throw new IllegalArgumentException(
            at + ".queues[" + i + "] " + e.getMessage().substring(e.field().length() + 2));
      }
    }
    return patterns;
  }

  private static String text(String at, JsonNode entry, String field) {
    JsonNode value = entry.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException(at + "." + field + " must be a string");
    }
    return value.textValue();
  }

  private static ConfigException problem(Path file, String detail) {
    return new ConfigException("tokensFile", file + ": " + detail);
  }
}
