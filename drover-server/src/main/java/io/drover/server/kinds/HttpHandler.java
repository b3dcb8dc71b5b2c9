package io.drover.server.kinds;

import io.drover.Handler;
import io.drover.JobContext;
import io.drover.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Kind {@code http}: calls a URL (see {@link HttpCall} for the payload) and decides by the answer.
 * 2xx completes with the response body as the result; 429 and 5xx retry, after the {@code
 * Retry-After} the server asked for or else after the job's backoff; any other status fails the job
 * for good (a 404 or 400 will not get better); connection errors and timeouts retry. Only hosts on
 * the allow-list are called, and redirects are not followed, so a redirect cannot lead around it.
 */
public final class HttpHandler implements Handler {
  public static final String KIND = "http";

  private final HttpClient client =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(HttpCall.DEFAULT_TIMEOUT)
          .build();
  private final HostAllowList allowed;
  private final InstantSource clock;

  public HttpHandler(HostAllowList allowed, InstantSource clock) {
    this.allowed = allowed;
    this.clock = clock;
  }

  @Override
  public Outcome handle(JobContext context) throws IOException, InterruptedException {
    HttpCall call;
    try {
      call = HttpCall.parse(context.payloadTree(), allowed);
    } catch (IllegalArgumentException e) {
      return Outcome.fail("http: " + e.getMessage());
    }
    // IOException (refused, reset, timed out) goes up: a failed attempt, retried with backoff.
    HttpResponse<InputStream> response;
    try {
      response = client.send(call.request(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw new CannotConnectException(call.request().uri(), e);
    }
    byte[] body = ResponseResult.read(response.body());
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return Outcome.complete(ResponseResult.of(body));
    }
    String answer = "HTTP " + status + " from " + call.target() + ResponseResult.excerpt(body);
    if (status == 429 || status >= 500) {
      Optional<Duration> wait =
          RetryAfter.parse(
              response.headers().firstValue("Retry-After").orElse(null), clock.instant());
      if (wait.isPresent()) {
        return Outcome.retryIn(
            wait.get(), answer + " (Retry-After: " + wait.get().toSeconds() + " s)");
      }
      throw new HttpStatusException(answer);
    }
    if (status >= 300 && status < 400) {
      return Outcome.fail(answer + " (redirects are not followed; call the final URL)");
    }
    return Outcome.fail(answer);
  }

  /**
   * No connection to the host: the JDK's exception often has no message at all, so the recorded
   * error said only {@code java.net.ConnectException}; this one names the host and port.
   */
  static final class CannotConnectException extends IOException {
    CannotConnectException(URI uri, IOException cause) {
      super(describe(cause) + ": " + uri.getHost() + ":" + port(uri), cause);
    }

    private static String describe(IOException cause) {
      if (cause instanceof HttpConnectTimeoutException) {
        return "connect timed out";
      }
      return cause.getMessage() == null
          ? "connection refused"
          : "cannot connect (" + cause.getMessage() + ")";
    }

    private static int port(URI uri) {
      if (uri.getPort() >= 0) {
        return uri.getPort();
      }
      return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }
  }

  /** A 429 or 5xx without {@code Retry-After}: the attempt failed and the job's backoff applies. */
  static final class HttpStatusException extends IOException {
    HttpStatusException(String message) {
      super(message);
    }
  }
}
