package dev.newsflow.producer.feed;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class GofeedConformanceTest {
  @Test
  void gofeedPairs() throws IOException {
    Path root = SharedData.require("feeds/gofeed/testdata");
    List<Path[]> pairs = pairs(root);
    FeedParser parser = new FeedParser();
    List<String> failures = new ArrayList<>();
    for (Path[] pair : pairs) {
      String problem = check(parser, pair[0], pair[1]);
      if (problem != null) {
        failures.add(root.relativize(pair[0]) + ": " + problem);
      }
    }
    double rate = 1.0 - (double) failures.size() / pairs.size();
    System.out.printf("gofeed: %d pairs, %d pass, %d fail, pass rate %.4f%n", pairs.size(),
        pairs.size() - failures.size(), failures.size(), rate);
    failures.forEach(f -> System.out.println("  FAIL " + f));
    assertTrue(rate >= 0.98, "pass rate " + rate);
  }

  static List<Path[]> pairs(Path root) throws IOException {
    List<Path[]> pairs = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".xml")) {
          Path expected = file.resolveSibling(name.substring(0, name.length() - 4) + ".json");
          if (Files.exists(expected)) {
            pairs.add(new Path[] {file, expected});
          }
        } else if (name.endsWith(".json") && !name.endsWith("_expected.json")) {
          Path expected = file.resolveSibling(name.substring(0, name.length() - 5) + "_expected.json");
          if (Files.exists(expected)) {
            pairs.add(new Path[] {file, expected});
          }
        }
      }
    }
    return pairs;
  }

  static String check(FeedParser parser, Path feedFile, Path expectedFile) throws IOException {
    JsonNode expected = CanonicalJson.mapper().readTree(Files.readAllBytes(expectedFile));
    Feed feed;
    try {
      feed = parser.parse(Files.readAllBytes(feedFile), null, null);
    } catch (FeedException e) {
      return "refused: " + e.getMessage();
    }
    String wantTitle = clean(text(expected, "title"));
    String gotTitle = clean(feed.title());
    if (!Objects.equals(wantTitle, gotTitle)) {
      return "feed title: want [" + wantTitle + "] got [" + gotTitle + "]";
    }
    JsonNode items = expected.has("items") ? expected.get("items") : expected.get("entries");
    int want = items == null || !items.isArray() ? 0 : items.size();
    if (want != feed.items().size()) {
      return "items: want " + want + " got " + feed.items().size();
    }
    for (int i = 0; i < want; i++) {
      JsonNode item = items.get(i);
      FeedItem got = feed.items().get(i);
      String wt = clean(text(item, "title"));
      String gt = clean(got.title());
      if (!Objects.equals(wt, gt)) {
        return "item " + i + " title: want [" + wt + "] got [" + gt + "]";
      }
      String wl = norm(link(item));
      String gl = norm(got.link());
      if (!Objects.equals(wl, gl)) {
        return "item " + i + " link: want [" + wl + "] got [" + gl + "]";
      }
    }
    return null;
  }

  static String link(JsonNode item) {
    String link = text(item, "link");
    if (link != null) {
      return link;
    }
    String url = text(item, "url");
    if (url != null) {
      return url;
    }
    JsonNode links = item.get("links");
    if (links != null && links.isArray()) {
      for (JsonNode l : links) {
        if (l.isTextual()) {
          return l.textValue();
        }
        String rel = text(l, "rel");
        if ((rel == null || rel.equals("alternate")) && text(l, "href") != null) {
          return text(l, "href");
        }
      }
    }
    return null;
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || !v.isTextual() ? null : v.textValue();
  }

  static String clean(String s) {
    return norm(dev.newsflow.producer.text.HtmlText.toLine(s));
  }

  static String norm(String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip().replaceAll("\\s+", " ");
    return t.isEmpty() ? null : t;
  }
}
