package io.drover.server.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.drover.server.ApiClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output a doc shows under a command, as checks on what the command printed: every JSON field
 * name shown ({@code "state":}) is printed; every line of text shown starts some printed line, up
 * to where the doc elides ({@code …}) or remarks (three spaces, then a note), with numbers free;
 * and printed JSON parses.
 */
final class OutputShape {
  private static final Pattern KEY = Pattern.compile("\"([a-z_]+)\":");
  private static final Pattern NUMBER = Pattern.compile("\\d+");

  private final Set<String> keys = new LinkedHashSet<>();
  private final List<Pattern> lines = new ArrayList<>();

  private OutputShape() {}

  static OutputShape of(List<String> shown) {
    OutputShape shape = new OutputShape();
    for (String line : shown) {
      Matcher key = KEY.matcher(line);
      while (key.find()) {
        shape.keys.add(key.group(1));
      }
      if (!line.isEmpty() && "{[\"…".indexOf(line.charAt(0)) < 0) {
        Pattern text = textLine(line);
        if (text != null) {
          shape.lines.add(text);
        }
      }
    }
    return shape;
  }

  /** The words of a shown line up to an elision, a remark or a JSON object; null if none. */
  private static Pattern textLine(String line) {
    int remark = line.indexOf("   ");
    String shown = remark < 0 ? line : line.substring(0, remark);
    List<String> words = new ArrayList<>();
    for (String word : shown.split("\\s+")) {
      if (word.contains("…")) {
        break;
      }
      int object = word.indexOf('{');
      if (object >= 0) {
        if (object > 0) {
          words.add(word.substring(0, object));
        }
        break;
      }
      words.add(word);
    }
    if (words.isEmpty()) {
      return null;
    }
    StringBuilder regex = new StringBuilder("^");
    for (int i = 0; i < words.size(); i++) {
      regex.append(i == 0 ? "" : "\\s+").append(wordRegex(words.get(i)));
    }
    return Pattern.compile(regex.toString());
  }

  private static String wordRegex(String word) {
    StringBuilder regex = new StringBuilder();
    Matcher number = NUMBER.matcher(word);
    int at = 0;
    while (number.find()) {
      regex.append(Pattern.quote(word.substring(at, number.start()))).append("\\d+");
      at = number.end();
    }
    return regex.append(Pattern.quote(word.substring(at))).toString();
  }

  /** Asserts the printed output ({@code out}, with {@code err} for progress) has this shape. */
  void check(String what, String out, String err) {
    String printed = out + "\n" + err;
    for (String key : keys) {
      assertThat(printed)
          .as("%s prints the field %s; it printed:%n%s", what, key, printed)
          .contains("\"" + key + "\":");
    }
    List<String> printedLines = Arrays.stream(printed.split("[\r\n]+")).map(String::strip).toList();
    for (Pattern line : lines) {
      assertThat(printedLines)
          .as("%s prints a line like /%s/; it printed:%n%s", what, line, printed)
          .anyMatch(printed1 -> line.matcher(printed1).find());
    }
    String trimmed = out.strip();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      try {
        ApiClient.JSON.readTree(trimmed);
      } catch (JsonProcessingException e) {
        throw new AssertionError(what + " printed JSON that does not parse: " + trimmed, e);
      }
    }
  }
}
