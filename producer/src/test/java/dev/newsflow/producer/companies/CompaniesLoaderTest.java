package dev.newsflow.producer.companies;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.newsflow.producer.RecordingSink;
import dev.newsflow.producer.importer.ImportReport;
import dev.newsflow.schema.Company;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompaniesLoaderTest {
  @TempDir Path dir;

  @Test
  void companiesAreReplacedWholeAndDeletedByTombstone() throws Exception {
    Path file = Files.writeString(dir.resolve("companies.ndjson"), """
        {"id": "acme", "name": "Acme", "aliases": ["ACME"]}
        {"id": "globex", "deleted": true}
        {"id": "initech", "name": "Initech", "deleted": false}
        {"deleted": true}
        {"id": "x", "deleted": "yes"}
        {"id": "bad", "name": "Bad\\u0000 Co"}
        """);
    RecordingSink sink = new RecordingSink();
    ImportReport report = new CompaniesLoader(sink).load(file);
    assertEquals(List.of("Acme", "Initech", "Bad Co"), sink.records.stream().map(c -> ((Company) c).getName()).toList());
    assertEquals(List.of("globex"), sink.deletedCompanies);
    assertEquals(List.of(file + ":line 4: a deletion needs the id of the company to delete",
        file + ":line 5: deleted: expected true or false"),
        report.rejections().stream().map(Object::toString).toList());
    assertEquals("read 6, published 4, rejected 2", report.summary(false));
  }

  @Test
  void repeatedIdsArePublishedInOrderAndReportedWithTheLineThatWins() throws Exception {
    Path file = Files.writeString(dir.resolve("companies.ndjson"), """
        {"id": "acme", "name": "Acme"}
        {"id": "globex", "name": "Globex"}
        {"id": "acme", "name": "Acme Corporation"}
        {"id": "globex", "deleted": true}
        """);
    RecordingSink sink = new RecordingSink();
    ImportReport report = new CompaniesLoader(sink).load(file);
    assertEquals(List.of("Acme", "Globex", "Acme Corporation"),
        sink.records.stream().map(c -> ((Company) c).getName()).toList());
    assertEquals(List.of(
        file + ":line 3: company id acme repeats line 1; this line 3 wins (a later line replaces an earlier one whole)",
        file + ":line 4: company id globex repeats line 2; this line 4 wins (a later line replaces an earlier one whole)"),
        report.warnings().stream().map(Object::toString).toList());
    assertEquals(2, report.repeatedCount());
    assertEquals("read 4, published 4, rejected 0, repeated ids 2 (the later line wins)", report.summary(false));
  }

  @Test
  void anIdThatIsNoLowercaseSlugIsRefusedNamingTheFormThatWouldDoAndItsDeletionIsStillAccepted() throws Exception {
    Path file = Files.writeString(dir.resolve("companies.ndjson"), """
        {"id": "AAPL.O", "name": "Apple"}
        {"id": "acme corp", "name": "Acme"}
        {"id": "aapl.o", "name": "Apple"}
        {"id": "AAPL.O", "deleted": true}
        """);
    RecordingSink sink = new RecordingSink();
    ImportReport report = new CompaniesLoader(sink).load(file);
    String slug = "id: must be a lowercase slug (a-z, 0-9, '.', '_', '-', starting with a letter or digit, at most 128"
        + " characters), such as bytedance";
    assertEquals(List.of(file + ":line 1: invalid Company: " + slug + ": aapl.o, not AAPL.O",
        file + ":line 2: invalid Company: " + slug),
        report.rejections().stream().map(Object::toString).toList());
    assertEquals(List.of("aapl.o"), sink.records.stream().map(c -> ((Company) c).getId()).toList());
    assertEquals(List.of("AAPL.O"), sink.deletedCompanies);
  }
}
