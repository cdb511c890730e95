package dev.newsflow.streams.enrich;

import dev.newsflow.schema.DeadLetter;

/** A record that passed its checks ({@code value}) or was refused ({@code deadLetter}), never both. */
public record Checked<T>(T value, DeadLetter deadLetter) {
  public static <T> Checked<T> ok(T value) {
    return new Checked<>(value, null);
  }

  public static <T> Checked<T> rejected(DeadLetter deadLetter) {
    return new Checked<>(null, deadLetter);
  }

  public boolean isRejected() {
    return deadLetter != null;
  }
}
