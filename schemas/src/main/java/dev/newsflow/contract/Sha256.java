package dev.newsflow.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one hash newsflow derives ids, content hashes and group names from. Every JVM ships it,
 * so its absence is an error of the platform, not of the caller.
 */
public final class Sha256 {
  private Sha256() {}

  /** A digest to feed in parts (fields and separators); finish it with {@link #hex(byte[], int)}. */
  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The 32 bytes of the hash of {@code text} as UTF-8. */
  public static byte[] of(String text) {
    return digest().digest(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The first {@code bytes} bytes of the hash of {@code text} (UTF-8), in lowercase hex. */
  public static String hex(String text, int bytes) {
    return hex(of(text), bytes);
  }

  /** The first {@code bytes} bytes of {@code hash} in lowercase hex ({@code 2 * bytes} characters). */
  public static String hex(byte[] hash, int bytes) {
    return HexFormat.of().formatHex(hash, 0, bytes);
  }
}
