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
}
