package io.drover.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * What every {@code ls} takes besides its own filters: a window of creation times and a page of the
 * listing, sent as the API's {@code created_from}, {@code created_to}, {@code cursor} and {@code
 * limit}.
 */
final class PageOptions {
  @Option(
      names = "--created-from",
      paramLabel = "TIME",
      description = "Created at or after, ISO-8601 with a zone.")
  private String createdFrom;

  @Option(
      names = "--created-to",
      paramLabel = "TIME",
      description = "Created before, ISO-8601 with a zone.")
  private String createdTo;

  @Option(
      names = "--cursor",
      paramLabel = "CURSOR",
      description = "Where the previous page ended (it prints the next one).")
  private String cursor;

  @Option(names = "--limit", paramLabel = "N", description = "Per page, 1-1000. Default: 50.")
  private Integer limit;

  /** Puts the options given into {@code query}; those not given stay out of it. */
  void addTo(Map<String, String> query) {
    query.put("created_from", createdFrom);
    query.put("created_to", createdTo);
    query.put("cursor", cursor);
    query.put("limit", limit == null ? null : limit.toString());
  }

  /** Says how to ask for the next page, when the listing has one. */
  static void printNext(JsonNode page, PrintWriter out) {
    if (page.hasNonNull("next_cursor")) {
      out.println("more: --cursor " + page.get("next_cursor").asText());
      out.flush();
    }
  }
}
