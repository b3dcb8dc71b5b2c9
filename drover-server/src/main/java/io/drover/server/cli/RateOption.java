package io.drover.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --rate N/PER} as the API's rate object: {@code 2/s} is 2 per second, {@code 100/1m} 100
 * per minute, {@code 5/250ms} 5 per 250 milliseconds. The window goes to the server as written (a
 * bare unit gets a 1), so the server's duration rules and messages apply.
 */
final class RateOption {
  private static final Pattern RATE = Pattern.compile("(\\d{1,9})/(\\d*)([a-z]+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private RateOption() {}

  /**
   * @throws IllegalArgumentException naming {@code --rate} when the text is not N/PER
   */
  static ObjectNode parse(String text) {
    Matcher match = RATE.matcher(text.trim());
    if (!match.matches()) {
      throw new IllegalArgumentException(
          "--rate: '" + text + "' is not N/PER, like 2/s, 100/1m or 5/250ms");
    }
    ObjectNode rate = JSON.createObjectNode();
    rate.put("limit", Integer.parseInt(match.group(1)));
    rate.put("per", (match.group(2).isEmpty() ? "1" : match.group(2)) + match.group(3));
    return rate;
  }
}
