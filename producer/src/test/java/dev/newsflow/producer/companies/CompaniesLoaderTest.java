package dev.newsflow.producer.companies;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsflow.producer.RecordingSink;
import dev.newsflow.producer.importer.ImportReport;
import dev.newsflow.schema.Company;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompaniesLoaderTest {
  @TempDir Path dir;

  /** A companies file, loaded into a sink that keeps what it is given. */
  private record Loaded(Path file, RecordingSink sink, ImportReport report) {}

  private Loaded load(String ndjson) throws IOException {
    Path file = Files.writeString(dir.resolve("companies.ndjson"), ndjson);
    RecordingSink sink = new RecordingSink();
    return new Loaded(file, sink, new CompaniesLoader(sink).load(file));
  }

  @Test
  void companiesAreReplacedWholeAndDeletedByTombstone() throws Exception {
    Loaded loaded = load("""
        {"id": "acme", "name": "Acme", "aliases": ["ACME"]}
        {"id": "globex", "deleted": true}
        {"id": "initech", "name": "Initech", "deleted": false}
        {"deleted": true}
        {"id": "x", "deleted": "yes"}
        {"id": "bad", "name": "Bad\\u0000 Co"}
        """);
    assertEquals(List.of("Acme", "Initech", "Bad Co"),
        loaded.sink().records.stream().map(c -> ((Company) c).getName()).toList());
    assertEquals(List.of("globex"), loaded.sink().deletedCompanies);
    assertEquals(List.of(loaded.file() + ":line 4: a deletion needs the id of the company to delete",
        loaded.file() + ":line 5: deleted: expected true or false"),
        loaded.report().rejections().stream().map(Object::toString).toList());
    assertEquals("read 6, published 4, rejected 2", loaded.report().summary(false));
  }

  @Test
  void repeatedIdsArePublishedInOrderAndReportedWithTheLineThatWins() throws Exception {
    Loaded loaded = load("""
        {"id": "acme", "name": "Acme"}
        {"id": "globex", "name": "Globex"}
        {"id": "acme", "name": "Acme Corporation"}
        {"id": "globex", "deleted": true}
        """);
    assertEquals(List.of("Acme", "Globex", "Acme Corporation"),
        loaded.sink().records.stream().map(c -> ((Company) c).getName()).toList());
    String wins = " wins (a later line replaces an earlier one whole)";
    assertEquals(List.of(loaded.file() + ":line 3: company id acme repeats line 1; this line 3" + wins,
        loaded.file() + ":line 4: company id globex repeats line 2; this line 4" + wins),
        loaded.report().warnings().stream().map(Object::toString).toList());
    assertEquals(2, loaded.report().repeatedCount());
    assertEquals("read 4, published 4, rejected 0, repeated ids 2 (the later line wins)",
        loaded.report().summary(false));
  }

  @Test
  void anIdThatIsNoLowercaseSlugIsRefusedNamingTheFormThatWouldDoAndItsDeletionIsStillAccepted() throws Exception {
    Loaded loaded = load("""
        {"id": "AAPL.O", "name": "Apple"}
        {"id": "aapl.o", "name": "Apple"}
        {"id": "AAPL.O", "deleted": true}
        """);
    String slug = "id: must be a lowercase slug (a-z, 0-9, '.', '_', '-', starting with a letter or digit, at most 128"
        + " characters), such as bytedance";
    assertEquals(List.of(loaded.file() + ":line 1: invalid Company: " + slug + ": aapl.o, not AAPL.O"),
        loaded.report().rejections().stream().map(Object::toString).toList());
    assertEquals(List.of("aapl.o"), loaded.sink().records.stream().map(c -> ((Company) c).getId()).toList());
    assertEquals(List.of("AAPL.O"), loaded.sink().deletedCompanies);
  }
}
