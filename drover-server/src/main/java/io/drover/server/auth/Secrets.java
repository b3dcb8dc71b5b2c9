package io.drover.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Making token secrets and the digests the tokens file keeps instead of them. */
public final class Secrets {
  /** 256 bits: out of reach of guessing, whatever the rate limit. */
  static final int SECRET_BYTES = 32;

  /** Marks the string as a Drover secret, so secret scanners and people can tell what it is. */
  static final String PREFIX = "drover_";

  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** A fresh secret: the prefix and 32 random bytes in URL-safe base64, fit for a header. */
  public static String newSecret() {
    byte[] bytes = new byte[SECRET_BYTES];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** SHA-256 of the secret's UTF-8 bytes. */
  public static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  public static String sha256Hex(String secret) {
    return HexFormat.of().formatHex(sha256(secret));
  }
}
