package io.drover.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} header of an enqueue: the same key from the same caller always makes
 * the same job id, so a request retried after a lost answer finds the job it made instead of making
 * another. The id is a name-based UUID (version 5, RFC 9562) over the caller's token name, the key
 * and, in a batch, the job's index; the store already treats an existing id as "not created".
 */
final class IdempotencyKeys {
  static final String HEADER = "Idempotency-Key";

  /** Printable ASCII, as header values are, and short enough to log. */
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

  /** Drover's own namespace, so its ids never collide with other v5 ids of the same names. */
  private static final UUID NAMESPACE = UUID.fromString("6f3c2a4e-9d1b-4c8e-a7f5-1e2d3c4b5a69");

  private IdempotencyKeys() {}

  /**
   * @throws ProblemException 400 naming the header when the key is empty, too long or not ASCII
   */
  static void check(String key) {
    if (!KEY.matcher(key).matches()) {
      throw ProblemException.badRequest(
          HEADER, "must be 1-255 printable ASCII characters without spaces");
    }
  }

  /** The id of the job a request with this key makes; {@code index} is -1 for a single job. */
  static UUID jobId(String caller, String key, int index) {
    String name = caller + '\n' + key + (index < 0 ? "" : "\n" + index);
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
    sha1.update(
        ByteBuffer.allocate(16)
            .putLong(NAMESPACE.getMostSignificantBits())
            .putLong(NAMESPACE.getLeastSignificantBits())
            .array());
    ByteBuffer hash = ByteBuffer.wrap(sha1.digest(name.getBytes(StandardCharsets.UTF_8)));
    long high = (hash.getLong() & ~0xF000L) | 0x5000L; // version 5
    long low = (hash.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // RFC variant
    return new UUID(high, low);
  }
}
