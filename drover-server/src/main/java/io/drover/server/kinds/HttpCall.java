package io.drover.server.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The request an {@code http} job's payload describes: {@code {"url", "method", "headers", "body",
 * "timeout_ms"}}. A JSON {@code body} is sent as JSON; a string body is sent as it is (text unless
 * the headers give a {@code Content-Type}); no body sends none.
 *
 * @param target how error messages name the call, e.g. {@code POST https://example.com/hook}
 */
record HttpCall(HttpRequest request, String target) {
  static final String DEFAULT_METHOD = "POST";
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final long MAX_TIMEOUT_MS = 600_000;

  private static final Set<String> FIELDS =
      Set.of("url", "method", "headers", "body", "timeout_ms");
  private static final List<String> METHODS =
      List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

  /**
   * Reads a payload.
   *
   * @throws IllegalArgumentException saying what is wrong with it; retrying would not help
   */
  static HttpCall parse(JsonNode payload, HostAllowList allowed) {
    if (!payload.isObject()) {
      throw new IllegalArgumentException(
          "the payload must be an object like {\"url\": \"https://example.com/hook\"}");
    }
    for (Iterator<String> names = payload.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException(
            name + " is not a known field (expected body, headers, method, timeout_ms, url)");
      }
    }
    URI url = url(payload.path("url"), allowed);
    String method =
        payload.hasNonNull("method")
            ? text(payload, "method").toUpperCase(Locale.ROOT)
            : DEFAULT_METHOD;
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException("method must be one of " + String.join(", ", METHODS));
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout(payload));
    boolean hasContentType = false;
    boolean hasUserAgent = false;
    JsonNode headers = payload.path("headers");
    if (!headers.isMissingNode() && !headers.isNull()) {
      if (!headers.isObject()) {
        throw new IllegalArgumentException("headers must be an object of strings");
      }
      for (Map.Entry<String, JsonNode> header : headers.properties()) {
        if (!header.getValue().isTextual()) {
          throw new IllegalArgumentException("headers." + header.getKey() + " must be a string");
        }
        // The client refuses headers it manages itself (Host, Content-Length...), naming them.
        request.header(header.getKey(), header.getValue().textValue());
        hasContentType |= header.getKey().equalsIgnoreCase("Content-Type");
        hasUserAgent |= header.getKey().equalsIgnoreCase("User-Agent");
      }
    }
    if (!hasUserAgent) {
      request.header("User-Agent", "drover");
    }
    JsonNode body = payload.path("body");
    BodyPublisher publisher = BodyPublishers.noBody();
    if (!body.isMissingNode() && !body.isNull()) {
      publisher = BodyPublishers.ofString(body.isTextual() ? body.textValue() : body.toString());
      if (!hasContentType) {
        request.header(
            "Content-Type", body.isTextual() ? "text/plain; charset=utf-8" : "application/json");
      }
    }
    return new HttpCall(request.method(method, publisher).build(), method + " " + url);
  }

  private static URI url(JsonNode value, HostAllowList allowed) {
    if (!value.isTextual()) {
      throw new IllegalArgumentException("url is required: an http or https URL");
    }
    URI url;
    try {
      url = new URI(value.textValue());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("url is not a URL: " + e.getMessage());
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
      throw new IllegalArgumentException("url must be an http or https URL with a host");
    }
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException("url must not carry credentials; send them in headers");
    }
    if (!allowed.allows(url.getHost())) {
      throw new IllegalArgumentException(
          "host "
              + url.getHost()
              + " is not in the allowed hosts ("
              + allowed
              + "); the server's --http-allow-hosts decides");
    }
    return url;
  }

  private static Duration timeout(JsonNode payload) {
    JsonNode value = payload.path("timeout_ms");
    if (value.isMissingNode() || value.isNull()) {
      return DEFAULT_TIMEOUT;
    }
    if (!value.canConvertToExactIntegral()
        || value.asLong() < 1
        || value.asLong() > MAX_TIMEOUT_MS) {
      throw new IllegalArgumentException(
          "timeout_ms must be a whole number from 1 to " + MAX_TIMEOUT_MS);
    }
    return Duration.ofMillis(value.asLong());
  }

  private static String text(JsonNode payload, String field) {
    JsonNode value = payload.get(field);
    if (!value.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return value.textValue();
  }
}
