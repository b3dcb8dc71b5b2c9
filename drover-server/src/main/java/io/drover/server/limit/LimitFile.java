package io.drover.server.limit;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.InvalidJobException;
import io.drover.limit.LimitSpec;
import io.drover.limit.LimitStore;
import io.drover.server.json.JsonOrYamlFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Limits kept in version control: a YAML or JSON file holding a list of limit definitions (or
 * {@code limits:} with one), applied at start. Every definition is read and checked before anything
 * is written, so a bad file changes nothing; limits not in the file are left as they are.
 */
public final class LimitFile {
  private LimitFile() {}

  /** What applying a file did. */
  public record Applied(int created, int updated, int unchanged) {}

  /**
   * Reads every definition in {@code file}.
   *
   * @throws InvalidJobException naming the entry and field, e.g. {@code limits[2].rate.per}
   * @throws IOException if the file cannot be read or parsed
   */
  public static List<LimitSpec> read(Path file) throws IOException {
    JsonNode root = JsonOrYamlFile.read(file);
    JsonNode list = root != null && root.isObject() ? root.get("limits") : root;
    if (list == null || !list.isArray()) {
      throw new InvalidJobException(
          "limits", "the file must hold a list of limits, or limits: with one");
    }
    List<LimitSpec> limits = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      LimitSpec limit;
      try {
        limit = LimitParser.parse(list.get(i), null);
      } catch (InvalidJobException e) {
        throw e.within("limits[" + i + "]");
      }
      if (!names.add(limit.name())) {
        throw new InvalidJobException(
            "limits[" + i + "].name", "'" + limit.name() + "' appears twice");
      }
      limits.add(limit);
    }
    return limits;
  }

  /** Creates or replaces each limit that differs from the stored one. */
  public static Applied apply(List<LimitSpec> definitions, LimitStore store) {
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    for (LimitSpec definition : definitions) {
      Optional<LimitSpec> existing = store.limit(definition.name());
      if (existing.isEmpty()) {
        store.saveLimit(definition);
        created++;
      } else if (existing.get().equals(definition)) {
        unchanged++;
      } else {
        store.saveLimit(definition);
        updated++;
      }
    }
    return new Applied(created, updated, unchanged);
  }
}
