package io.drover.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.drover.server.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Adds an entry to a tokens file (making the file if there is none) in one atomic step: the new
 * array is checked as the server would read it, written beside the file and renamed over it, so a
 * server reloading the file never reads half of it, and a bad result leaves the file as it was.
 */
public final class TokenFileAppend {
  private TokenFileAppend() {}

  /**
   * @throws ConfigException naming the file and the problem (a name used twice, the file not an
   *     array of tokens, …); the file is then unchanged
   */
  public static void append(Path file, JsonNode entry) {
    ArrayNode entries = existing(file);
    entries.add(entry);
    TokenFile.check(file, entries);
    StringBuilder text = new StringBuilder("[\n");
    for (int i = 0; i < entries.size(); i++) {
      text.append("  ").append(entries.get(i)).append(i + 1 < entries.size() ? ",\n" : "\n");
    }
    text.append("]\n");
    write(file, text.toString());
  }

  /** The file's entries; a broken file is reported, never replaced. */
  private static ArrayNode existing(Path file) {
    if (!Files.exists(file)) {
      return JsonNodeFactory.instance.arrayNode();
    }
    JsonNode root = TokenFile.read(file);
    TokenFile.check(file, root); // passes only a non-empty array
    return (ArrayNode) root;
  }

  private static void write(Path file, String text) {
    Path dir = file.toAbsolutePath().getParent();
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      keepPermissions(file, temp);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new ConfigException("tokensFile", file + ": cannot be written: " + e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // Left behind only if the move failed too, which the exception above reports.
        }
      }
    }
  }

  /**
   * The replaced file's permissions, or owner read-write and others read for a new one: a temp file
   * is made owner-only, which a server running as another user could not read.
   */
  private static void keepPermissions(Path file, Path temp) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    view.setPermissions(
        Files.exists(file)
            ? Files.getPosixFilePermissions(file)
            : PosixFilePermissions.fromString("rw-r--r--"));
  }
}
