package io.drover.server.auth;

import io.drover.store.QueuePattern;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Who is calling: a token from the tokens file, or {@link #ANONYMOUS} when the server has no tokens
 * (and therefore listens on loopback only).
 *
 * @param queues the queues it may touch, as names or globs
 * @param sha256 the digest of its secret; null for {@link #ANONYMOUS}
 */
public record ApiToken(String name, Role role, List<QueuePattern> queues, byte[] sha256) {

  /** What a token's name may be: short, and safe to show in errors and logs. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");

  /** The caller of a server without tokens: everything, on every queue. */
  public static final ApiToken ANONYMOUS =
      new ApiToken("anonymous", Role.ADMIN, List.of(QueuePattern.of("*")), null);

  public ApiToken {
    queues = List.copyOf(queues);
  }

  public boolean mayUseQueue(String queue) {
    return QueuePattern.anyMatches(queues, queue);
  }

  /** True when no queue is out of reach, so listings need no queue filter. */
  public boolean seesAllQueues() {
    return queues.stream().anyMatch(QueuePattern::matchesAll);
  }

  /** How errors name it: {@code token 'ci' (role producer, queues email, scrape.*)}. */
  public String describe() {
    return "token '"
        + name
        + "' (role "
        + role.wireName()
        + ", queues "
        + queues.stream().map(QueuePattern::text).collect(Collectors.joining(", "))
        + ")";
  }
}
