package io.drover.server.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A file of definitions kept in version control (schedules, a run's plan): JSON when its name ends
 * in {@code .json}, else YAML, read into the tree the API's JSON makes. A key given twice is an
 * error, as it is in the API's bodies, rather than the last one silently winning.
 */
public final class JsonOrYamlFile {
  private JsonOrYamlFile() {}

  /**
   * @return the file's tree; null for an empty YAML file
   * @throws IOException if the file cannot be read or parsed
   */
  public static JsonNode read(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    ObjectMapper mapper =
        name.endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return mapper.readTree(file.toFile());
  }
}
