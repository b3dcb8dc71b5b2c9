package io.drover.tck;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gates tests that need a real server (PostgreSQL, Redis). On CI ({@code CI=true}) an unreachable
 * server fails the test, so a broken service can never pass as green; on a developer machine
 * without one, the tests skip with a message saying what to start.
 */
public final class ExternalService {
  private static final Map<String, String> PROBED = new ConcurrentHashMap<>();

  private ExternalService() {}

  /**
   * Runs {@code probe} once per {@code name} and JVM; if it throws, fails (CI) or skips (else) the
   * calling test.
   *
   * @param name what the server is, e.g. "PostgreSQL"
   * @param address where the test looked for it, for the message
   * @param probe connects and returns, or throws
   */
  public static void require(String name, String address, Callable<?> probe) {
    String problem =
        PROBED.computeIfAbsent(
            name + " " + address,
            key -> {
              try {
                probe.call();
                return "";
              } catch (Exception e) {
                return name + " is not reachable at " + address + " (" + e + ")";
              }
            });
    if (problem.isEmpty()) {
      return;
    }
    if (onCi()) {
      fail(problem + "; CI=true, so store tests must not skip");
    }
    System.err.println("SKIPPED " + problem + ": start it to run these tests");
    assumeTrue(false, problem);
  }

  private static boolean onCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }
}
