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
 * The poller's memory: for each feed URL its {@link FeedState}, in one JSON file that every feed list
 * shares (so naming a feed with {@code --feed}, in a list or in OPML publishes nothing twice). Saving
 * merges: under a lock, the file is read again and only the feeds this store used are replaced, so two
 * {@code produce} processes polling different feeds keep each other's state. The file is replaced
 * atomically (written beside, forced to disk, renamed over), so a crash leaves the old or the new state,
 * never half of one. A file that cannot be read is moved aside and polling starts afresh:
 * the items are then published again under the same ids, which the pipeline drops as replays.
 */
public final class FeedStateStore {
  private static final int FORMAT = 1;

  private final Path file;
  private final boolean persistent;
  private final Map<String, FeedState> feeds = new HashMap<>();
  /** The feeds this store's owner polls: saving replaces only theirs in the shared file. */
  private final java.util.Set<String> used = new java.util.HashSet<>();

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
          log.accept("feed state " + file + " is unreadable (" + why(e) + "); ignoring it");
          return store;
        }
        Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + System.currentTimeMillis());
        try {
          Files.move(file, aside);
        } catch (IOException moveFailed) {
          throw new UncheckedIOException("feed state " + file + " is unreadable and cannot be moved aside", moveFailed);
        }
        store.feeds.clear();
        log.accept("feed state " + file + " was unreadable (" + why(e) + "); moved to " + aside
            + " and starting afresh");
      }
    }
    return store;
  }

  private static String why(Exception e) {
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
      return "not valid JSON: " + CanonicalJson.describe(json);
    }
    return e instanceof IOException io ? dev.newsflow.io.FileProblem.reason(io) : e.getMessage();
  }

  public Path file() {
    return file;
  }

  /** The state of the feed with this subscription URL, created empty on first use. */
  public synchronized FeedState get(String feedUrl) {
    used.add(feedUrl);
    return feeds.computeIfAbsent(feedUrl, u -> new FeedState());
  }

  /** Writes every feed's state; atomic. */
  public synchronized void save() {
    if (!persistent) {
      return;
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (FileChannel lock = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE); java.nio.channels.FileLock held = lock.lock()) {
        writeMerged();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write feed state " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes the feeds of the file as it is now, with this store's feeds replacing theirs. */
  private void writeMerged() throws IOException {
    Map<String, JsonNode> merged = new java.util.TreeMap<>();
    if (Files.exists(file)) {
      try {
        JsonNode current = CanonicalJson.mapper().readTree(Files.readAllBytes(file));
        current.path("feeds").fields().forEachRemaining(e -> merged.put(e.getKey(), e.getValue()));
      } catch (IOException | RuntimeException unreadable) {
        // Another writer's file that cannot be read is replaced by ours: it was moved aside when opened.
      }
    }
    feeds.forEach((url, state) -> {
      if (used.contains(url) || !merged.containsKey(url)) {
        ObjectNode node = CanonicalJson.mapper().createObjectNode();
        write(node, state);
        merged.put(url, node);
      }
    });
    ObjectNode root = CanonicalJson.mapper().createObjectNode();
    root.put("format", FORMAT);
    ObjectNode all = root.putObject("feeds");
    merged.forEach(all::set);
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
    FeedState.Snapshot saved = state.snapshot();
    putIfPresent(node, "etag", saved.etag());
    putIfPresent(node, "lastModified", saved.lastModified());
    putIfPresent(node, "discoveredUrl", saved.discoveredUrl());
    if (saved.failures() > 0) {
      node.put("failures", saved.failures());
    }
    if (saved.notBefore() != null) {
      node.put("notBefore", saved.notBefore().toString());
    }
    putIfPresent(node, "lastError", saved.lastError());
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
      state.restore(new FeedState.Snapshot(text(n, "etag"), text(n, "lastModified"), text(n, "discoveredUrl"),
          n.path("failures").asInt(0), n.hasNonNull("notBefore") ? Instant.parse(n.get("notBefore").asText()) : null,
          text(n, "lastError")), seen);
      feeds.put(entry.getKey(), state);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
