package dev.newsflow.producer.poll;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.contract.ArticleUrls;
import dev.newsflow.io.FileProblem;
import dev.newsflow.producer.feed.FeedException;
import dev.newsflow.producer.feed.Opml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a list of feeds: either plain text, one feed per line as {@code URL [INTERVAL]} (e.g.
 * {@code https://example.com/feed.xml 10m}; {@code #} starts a comment), or an OPML subscription list
 * as exported by feed readers. A feed listed twice is polled once.
 */
public final class FeedList {
  /** Largest feed list read. */
  public static final int MAX_BYTES = 4 * 1024 * 1024;

  private FeedList() {}

  public static List<FeedSubscription> read(Path file, Duration defaultInterval) {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new IllegalArgumentException(file + ": the feed list is larger than " + MAX_BYTES + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the feed list " + file + ": " + FileProblem.reason(e), e);
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (Opml.isOpml(text)) {
      try {
        return Opml.feeds(bytes).stream().map(u -> new FeedSubscription(u, defaultInterval)).toList();
      } catch (FeedException e) {
        throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
      }
    }
    Map<URI, FeedSubscription> feeds = new LinkedHashMap<>();
    String[] lines = text.split("\r?\n|\r");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int hash = line.indexOf('#');
      if (hash >= 0 && (hash == 0 || Character.isWhitespace(line.charAt(hash - 1)))) {
        line = line.substring(0, hash);
      }
      line = line.strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split("\\s+");
      if (parts.length > 2) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected 'URL [INTERVAL]', got '" + line + "'");
      }
      URI url = parseUrl(parts[0], file + ":" + (i + 1));
      Duration interval = defaultInterval;
      if (parts.length == 2) {
        interval = parseInterval(parts[1], file + ":" + (i + 1));
      }
      feeds.putIfAbsent(url, new FeedSubscription(url, interval));
    }
    return new ArrayList<>(feeds.values());
  }

  /** A feed URL given on the command line or in a list: absolute http(s) only. */
  public static URI parseUrl(String text, String where) {
    return ArticleUrls.absolute(text, null).orElseThrow(() -> new IllegalArgumentException(
        where + ": '" + text + "' is not an absolute http(s) URL"));
  }

  private static Duration parseInterval(String text, String where) {
    Duration interval;
    try {
      interval = NewsflowConfig.builder().set("interval", text).build().getDuration("interval", null);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(where + ": '" + text + "' is not an interval such as 30s, 10m or 1h");
    }
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(where + ": the interval must be at least 1s");
    }
    return interval;
  }
}
