package dev.newsflow.producer.poll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.json.CanonicalJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The poller's memory, one JSON file per feed list: for each feed its {@link FeedState}. The file is
 * replaced atomically (written beside, forced to disk, renamed over), so a crash leaves the old or the
 * new state, never half of one. A file that cannot be read is moved aside and polling starts afresh:
 * the items are then published again under the same ids, which the pipeline drops as replays.
 */
public final class FeedStateStore {
  private static final int FORMAT = 1;

  private final Path file;
  private final boolean persistent;
  private final Map<String, FeedState> feeds = new HashMap<>();

  private FeedStateStore(Path file, boolean persistent) {
    this.file = file;
    this.persistent = persistent;
  }

  /** Reads {@code file} if it exists but never writes it: for dry runs. */
  public static FeedStateStore inMemory(Path file, Consumer<String> log) {
    FeedStateStore loaded = open(file, log, false);
    return loaded;
  }

  /** Loads {@code file} if it exists; problems are reported to {@code log}, never fatal. */
  public static FeedStateStore open(Path file, Consumer<String> log) {
    return open(file, log, true);
  }

  private static FeedStateStore open(Path file, Consumer<String> log, boolean persistent) {
    FeedStateStore store = new FeedStateStore(file, persistent);
    if (Files.exists(file)) {
      try {
        store.read(CanonicalJson.mapper().readTree(Files.readAllBytes(file)));
      } catch (IOException | RuntimeException e) {
        store.feeds.clear();
        if (!persistent) {
          log.accept("feed state " + file + " is unreadable (" + e.getMessage() + "); ignoring it");
          return store;
        }
        Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + System.currentTimeMillis());
        try {
          Files.move(file, aside);
        } catch (IOException moveFailed) {
          throw new UncheckedIOException("feed state " + file + " is unreadable and cannot be moved aside", moveFailed);
        }
        store.feeds.clear();
        log.accept("feed state " + file + " was unreadable (" + e.getMessage() + "); moved to " + aside
            + " and starting afresh");
      }
    }
    return store;
  }

  public Path file() {
    return file;
  }

  /** The state of the feed with this subscription URL, created empty on first use. */
  public synchronized FeedState get(String feedUrl) {
    return feeds.computeIfAbsent(feedUrl, u -> new FeedState());
  }

  /** Writes every feed's state; atomic. */
  public synchronized void save() {
    if (!persistent) {
      return;
    }
    ObjectNode root = CanonicalJson.mapper().createObjectNode();
    root.put("format", FORMAT);
    ObjectNode all = root.putObject("feeds");
    feeds.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> write(all.putObject(e.getKey()), e.getValue()));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING); OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
        CanonicalJson.mapper().writerWithDefaultPrettyPrinter().writeValue(nonClosing(out), root);
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write feed state " + file + ": " + e.getMessage(), e);
    }
  }

  private static OutputStream nonClosing(OutputStream out) {
    return new java.io.FilterOutputStream(out) {
      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }

  private static void write(ObjectNode node, FeedState state) {
    putIfPresent(node, "etag", state.etag());
    putIfPresent(node, "lastModified", state.lastModified());
    putIfPresent(node, "discoveredUrl", state.discoveredUrl());
    if (state.failures() > 0) {
      node.put("failures", state.failures());
    }
    if (state.notBefore() != null) {
      node.put("notBefore", state.notBefore().toString());
    }
    putIfPresent(node, "lastError", state.lastError());
    ArrayNode seen = node.putArray("seen");
    state.seenIds().forEach(seen::add);
  }

  private static void putIfPresent(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  private void read(JsonNode root) {
    if (root.path("format").asInt() != FORMAT || !root.path("feeds").isObject()) {
      throw new IllegalArgumentException("not a newsflow feed state file (format " + FORMAT + ")");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.get("feeds").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode n = entry.getValue();
      List<String> seen = new ArrayList<>();
      n.path("seen").forEach(id -> seen.add(id.asText()));
      FeedState state = new FeedState();
      state.restore(text(n, "etag"), text(n, "lastModified"), text(n, "discoveredUrl"), n.path("failures").asInt(0),
          n.hasNonNull("notBefore") ? Instant.parse(n.get("notBefore").asText()) : null, text(n, "lastError"), seen);
      feeds.put(entry.getKey(), state);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
