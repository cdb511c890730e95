package dev.newsflow.producer.http;

import dev.newsflow.config.ConfigException;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.contract.PublishedAtRule;
import dev.newsflow.http.HttpServerSettings;
import java.time.Duration;

/**
 * The HTTP ingest server's settings (README, "Configuration"). Without a token the server accepts
 * anyone who can reach it, which is why it listens on the loopback interface unless told otherwise.
 *
 * @param http where and how the server listens; its idle timeout is how long a body may stop arriving
 * @param maxBytes the largest request body taken (413 beyond)
 * @param maxUploadsPerClient request bodies read at once from one client address (429 beyond)
 * @param maxUploads request bodies read at once in total (503 beyond)
 */
public record IngestSettings(HttpServerSettings http, int maxBytes, int maxUploadsPerClient, int maxUploads,
    PublishedAtRule articles) {
  public static final String HOST = "ingest.host";
  public static final String PORT = "ingest.port";
  public static final String TOKEN = "ingest.token";
  public static final String MAX_BYTES = "ingest.max.bytes";
  public static final String THREADS = "ingest.threads";
  public static final String HEADER_TIMEOUT = "ingest.header.timeout";
  public static final String BODY_TIMEOUT = "ingest.body.timeout";
  public static final String MAX_UPLOADS = "ingest.max.uploads";
  public static final String MAX_UPLOADS_PER_CLIENT = "ingest.max.uploads.per.client";

  public IngestSettings {
    if (maxBytes <= 0) {
      throw new ConfigException(MAX_BYTES + " must be positive");
    }
    if (maxUploadsPerClient <= 0 || maxUploads <= 0) {
      throw new ConfigException(MAX_UPLOADS + " and " + MAX_UPLOADS_PER_CLIENT + " must be positive");
    }
    if (maxUploads >= http.threads()) {
      // Uploads must leave threads free, or stalled ones would still starve everything else.
      throw new ConfigException(MAX_UPLOADS + " (" + maxUploads + ") must be below " + THREADS + " (" + http.threads() + ")");
    }
  }

  public static IngestSettings from(NewsflowConfig config) {
    HttpServerSettings http = new HttpServerSettings("ingest", config.get(HOST, "127.0.0.1"), config.getPort(PORT, 8081),
        config.get(TOKEN).orElse(null), config.getInt(THREADS, 32),
        config.getDuration(HEADER_TIMEOUT, HttpServerSettings.DEFAULT_HEADER_TIMEOUT),
        config.getDuration(BODY_TIMEOUT, Duration.ofSeconds(30)));
    return new IngestSettings(http, config.getInt(MAX_BYTES, 8 * 1024 * 1024), config.getInt(MAX_UPLOADS_PER_CLIENT, 4),
        config.getInt(MAX_UPLOADS, 16), PublishedAtRule.from(config));
  }

  /** The same settings with {@code articles} judging publishedAt (a test's clock). */
  public IngestSettings withArticles(PublishedAtRule articles) {
    return new IngestSettings(http, maxBytes, maxUploadsPerClient, maxUploads, articles);
  }

  public String host() {
    return http.host();
  }

  public String token() {
    return http.token();
  }

}
