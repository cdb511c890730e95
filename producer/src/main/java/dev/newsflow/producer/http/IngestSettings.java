package dev.newsflow.producer.http;

import dev.newsflow.config.ConfigException;
import dev.newsflow.config.NewsflowConfig;

/**
 * The HTTP ingest server's settings (README, "Configuration"). Without a token the server accepts
 * anyone who can reach it, which is why it listens on the loopback interface unless told otherwise.
 */
public record IngestSettings(String host, int port, String token, int maxBytes, int threads) {
  public static final String HOST = "ingest.host";
  public static final String PORT = "ingest.port";
  public static final String TOKEN = "ingest.token";
  public static final String MAX_BYTES = "ingest.max.bytes";
  public static final String THREADS = "ingest.threads";

  public static IngestSettings from(NewsflowConfig config) {
    IngestSettings settings = new IngestSettings(config.get(HOST, "127.0.0.1"), config.getInt(PORT, 8081),
        config.get(TOKEN).orElse(null), config.getInt(MAX_BYTES, 8 * 1024 * 1024), config.getInt(THREADS, 4));
    if (settings.port < 0 || settings.port > 65535) {
      throw new ConfigException(PORT + " must be between 0 and 65535");
    }
    if (settings.maxBytes <= 0) {
      throw new ConfigException(MAX_BYTES + " must be positive");
    }
    if (settings.threads <= 0) {
      throw new ConfigException(THREADS + " must be positive");
    }
    return settings;
  }

  public IngestSettings withPort(int newPort) {
    return new IngestSettings(host, newPort, token, maxBytes, threads);
  }
}
