package dev.newsflow.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The shared secret a server may require as {@code Authorization: Bearer <token>}. */
record BearerToken(String token) {
  /** True when {@code header} carries this token; compared in constant time, so timing reveals nothing. */
  boolean admits(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8));
  }
}
