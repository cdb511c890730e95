package dev.newsflow.config;

/** A setting that is missing, unreadable or out of range; the message names the key and where it came from. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
