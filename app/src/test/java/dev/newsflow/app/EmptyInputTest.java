package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file that holds nothing to load ({@code rules load}, {@code companies load}, {@code import}) is most likely
 * the wrong file: each refuses it alike, a usage error (status 2) with a line saying what the file holds none of.
 * Before, each published nothing and exited 0.
 */
class EmptyInputTest {
  @TempDir Path dir;

  @Test
  void rulesLoadRefusesAFileOfNoRulesBeforeAnyWaitForTheCluster() throws Exception {
    for (String content : new String[] {"", "\n  \n"}) {
      Path empty = Files.writeString(dir.resolve("rules.ndjson"), content);
      // nothing listens on port 1: a refusal after the wait would name the cluster instead
      InProcess run = InProcess.run("rules", "load", empty.toString(), "--bootstrap-servers", "127.0.0.1:1");
      assertEquals(2, run.status(), run.err());
      assertEquals("newsflow: rules file " + empty + " holds no rules: nothing published\n", run.err());
    }
  }

  @Test
  void companiesLoadRefusesAFileOfNoCompanies() throws Exception {
    Path empty = Files.writeString(dir.resolve("companies.ndjson"), "\n");
    InProcess run = InProcess.run("companies", "load", "--dry-run", empty.toString());
    assertEquals(2, run.status(), run.err());
    assertEquals("", run.out());
    assertEquals("newsflow: companies file " + empty + " holds no companies: nothing to publish\n", run.err());
  }

  @Test
  void importRefusesInputsOfNoRecords() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.ndjson"), "");
    Path folder = Files.createDirectory(dir.resolve("nothing"));
    InProcess run = InProcess.run("import", "--dry-run", empty.toString(), folder.toString());
    assertEquals(2, run.status(), run.err());
    assertEquals("newsflow: " + empty + ", " + folder + " hold no records: nothing to publish\n", run.err());
  }

  @Test
  void oneRecordIsEnoughAndRejectionsKeepTheirOwnStatus() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.ndjson"), "");
    Path one = Files.writeString(dir.resolve("one.ndjson"), "{\"id\":\"a\",\"title\":\"T\",\"body\":\"B\"}\n");
    Path bad = Files.writeString(dir.resolve("bad.ndjson"), "{\"id\":\"a\",\"title\":\"T\"}\n");
    assertEquals(0, InProcess.run("import", "--dry-run", empty.toString(), one.toString()).status());
    InProcess rejected = InProcess.run("import", "--dry-run", bad.toString());
    assertEquals(1, rejected.status(), "a rejected record was read: the file was not empty; " + rejected.err());
  }
}
