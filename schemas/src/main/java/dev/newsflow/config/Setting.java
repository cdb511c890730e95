package dev.newsflow.config;

/**
 * One documented setting: its key, its default as a user would write it (or a phrase such as
 * "unset"), what it means, and the part of newsflow that reads it. {@link Settings} lists them all;
 * {@code docs/configuration.md} is generated from that list.
 */
public record Setting(String key, String defaultValue, String meaning, Settings.Part part) {
  public Setting {
    if (key.isBlank() || meaning.isBlank()) {
      throw new IllegalArgumentException("a setting needs a key and a meaning");
    }
  }

  /** The environment variable that sets it ({@code ingest.max.bytes} → {@code NEWSFLOW_INGEST_MAX_BYTES}). */
  public String environmentVariable() {
    return NewsflowConfig.envName(key);
  }
}
