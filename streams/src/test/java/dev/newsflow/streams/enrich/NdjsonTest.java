package dev.newsflow.streams.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsflow.schema.Article;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NdjsonTest {
  @TempDir Path dir;

  @Test
  void readsTitlelessArticlesAndReportsEveryBadLineWithItsNumber() throws Exception {
    Path file = dir.resolve("in.ndjson");
    Files.writeString(file, """
        {"id": "a", "title": "", "body": "句子"}
        {not json

        {"title": "no id", "body": "x"}
        {"id": "b", "title": "B", "body": "b"}""");
    List<String> rejected = new ArrayList<>();
    List<Article> articles = Ndjson.articles(file, rejected);
    assertEquals(List.of("a", "b"), articles.stream().map(Article::getId).toList());
    assertEquals("", articles.get(0).getTitle());
    assertEquals(2, rejected.size());
    assertEquals(true, rejected.get(0).startsWith(file + ":2: not JSON"), rejected.get(0));
    assertEquals(true, rejected.get(1).startsWith(file + ":4: "), rejected.get(1));
  }
}
