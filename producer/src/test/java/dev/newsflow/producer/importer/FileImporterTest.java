package dev.newsflow.producer.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.json.CanonicalJson;
import dev.newsflow.producer.JsonLinesSink;
import dev.newsflow.producer.RecordingSink;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.Release;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileImporterTest {
  @TempDir Path dir;
  private final RecordingSink sink = new RecordingSink();
  // After the sample's newest article (2026-03-05): the import refuses news dated over a day after its clock.
  private final Clock clock = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);

  private ImportReport run(ImportKind kind, Path... paths) {
    return new FileImporter(sink, kind, ImportProgress.silent(), clock).run(List.of(paths));
  }

  private static final String ARTICLE = "{\"id\":\"a1\",\"title\":\"T\",\"body\":\"B\",\"publishedAt\":\"2026-02-10T08:30:00Z\"}";
  private static final String RELEASE = "{\"id\":\"r1\",\"company\":\"acme\",\"product\":\"Rocket\",\"version\":\"2\"}";
  private static final String COMPANY = "{\"id\":\"acme\",\"name\":\"Acme\",\"aliases\":[\"ACME\"]}";

  @Test
  void theSampleFolderImportsItsNewsAndNotItsReadme() {
    Path sample = Path.of("..", "data", "sample");
    ImportReport report = run(null, sample);
    assertTrue(sink.articles().stream().noneMatch(a -> a.getTitle().contains("sample data")),
        "the folder's README.md is documentation, not an article");
    assertEquals(54, sink.articles().size());
    assertEquals(27, sink.records.stream().filter(Release.class::isInstance).count());
    assertEquals(38, sink.records.stream().filter(Company.class::isInstance).count());
    assertEquals(List.of("README.md: a folder's documentation, not news", "gold-releases.ndjson: its first record is "
        + "neither an article, a release nor a company", "gold-stories.ndjson: its first record is neither an article, "
        + "a release nor a company", "gold.ndjson: its first record is neither an "
        + "article, a release nor a company", "rules.ndjson: its first record is neither an article, a release nor a company"),
        report.skippedFiles().stream().map(p -> Path.of(p.file()).getFileName() + ": " + p.reason()).toList());
    assertTrue(report.clean(), report.rejections().toString());
  }

  @Test
  void newsReadWholeIsPublishedOldestFirstWithCompaniesAhead() throws IOException {
    Path file = Files.writeString(dir.resolve("mixed.ndjson"), String.join("\n",
        "{\"id\":\"late\",\"title\":\"T\",\"body\":\"B\",\"publishedAt\":\"2026-02-10T08:30:00Z\"}",
        "{\"id\":\"undated\",\"title\":\"T\",\"body\":\"B\"}",
        "{\"id\":\"r\",\"company\":\"acme\",\"product\":\"Rocket\",\"releasedAt\":\"2026-01-05T00:00:00Z\"}",
        "{\"id\":\"early\",\"title\":\"T\",\"body\":\"B\",\"publishedAt\":\"2025-12-31T23:00:00Z\"}",
        COMPANY) + "\n");
    run(null, file);
    assertEquals(List.of("acme", "early", "r", "late", "undated"), sink.records.stream().map(r ->
        r instanceof Article a ? a.getId() : r instanceof Release rel ? rel.getId() : ((Company) r).getId()).toList());
  }

  @Test
  void unknownFieldsAreToldOncePerFieldAndNumbersAreNoTimestamps() throws IOException {
    Path file = Files.writeString(dir.resolve("typos.ndjson"), String.join("\n",
        "{\"id\":\"a1\",\"title\":\"T\",\"body\":\"B\",\"publishDate\":\"2026-02-10\"}",
        "{\"id\":\"a2\",\"title\":\"T\",\"body\":\"B\",\"publishDate\":\"2026-02-11\"}",
        "{\"id\":\"a3\",\"title\":\"T\",\"body\":\"B\",\"publishedAt\":12345}") + "\n");
    ImportReport report = run(null, file);
    assertEquals(List.of(file + ":line 1: field 'publishDate' is not part of Article and is ignored (told once per field)"),
        report.notes().stream().map(Object::toString).toList());
    assertEquals(List.of(file + ":line 3: invalid Article: publishedAt: expected an ISO-8601 timestamp such as "
        + "2026-02-10T08:30:00Z, got 12345"), report.rejections().stream().map(Object::toString).toList());
  }

  @Test
  void ndjsonKindsAreToldPerRecordAndBadLinesNamed() throws IOException {
    Path file = Files.writeString(dir.resolve("mixed.ndjson"), String.join("\n", ARTICLE, RELEASE, COMPANY,
        "{\"id\":\"a2\",\"title\":\"x\"}", "not json", "{\"id\":\"z\"}",
        "{\"id\":\"a3\",\"title\":\"T\",\"body\":\"B\",\"url\":\"javascript:alert(1)\"}", "") + "\n");
    ImportReport report = run(null, file);
    assertEquals(List.of(Company.class, Article.class, Release.class), // companies first, then news oldest first
        sink.records.stream().map(Object::getClass).toList());
    assertEquals(List.of(
        file + ":line 4: invalid Article: body: is required",
        file + ":line 5: not valid JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or "
            + "token 'null', 'true' or 'false')",
        file + ":line 6: cannot tell whether this is an article, a release or a company (it has none of title, body, "
            + "product, releasedAt, name, aliases); give --kind",
        file + ":line 7: invalid Article: url: must be an absolute http(s) URL, got 'javascript:alert(1)'"),
        report.rejections().stream().map(Object::toString).toList());
    assertEquals("read 7, published 3, rejected 4", report.summary(false));
    assertFalse(report.clean());
  }

  @Test
  void kindCanBeForced() throws IOException {
    Path file = Files.writeString(dir.resolve("c.ndjson"), "{\"id\":\"x\",\"name\":\"X\",\"title\":\"looks like news\"}\n");
    assertTrue(run(ImportKind.COMPANY, file).clean());
    assertEquals(Company.class, sink.records.get(0).getClass());
  }

  @Test
  void controlCharactersAndInvalidUtf8AreHandled() throws IOException {
    Path file = dir.resolve("a.ndjson");
    byte[] good = "{\"id\":\"a1\",\"title\":\"Bell\\u0007 and null\\u0000\",\"body\":\"ok\"}\n".getBytes(StandardCharsets.UTF_8);
    byte[] bad = "{\"id\":\"a2\",\"title\":\"x\u00ff\",\"body\":\"b\"}\n".getBytes(StandardCharsets.ISO_8859_1);
    Files.write(file, concat(good, bad));
    ImportReport report = run(null, file);
    assertEquals("Bell and null", sink.articles().get(0).getTitle());
    assertEquals(List.of(file + ":line 2: line holds bytes that are not valid UTF-8: byte 0xFF at offset 21 of the line"),
        report.rejections().stream().map(Object::toString).toList());
  }

  @Test
  void aTextFileThatIsNotUtf8IsRefusedNamingTheFirstBadByteAndItsLine() throws IOException {
    // Latin-1, as an old editor saves it: "é" is the single byte 0xE9
    Path file = dir.resolve("latin.txt");
    Files.write(file, "Caf\u00e9 title\nbody\n".getBytes(StandardCharsets.ISO_8859_1));
    Path later = dir.resolve("later.txt");
    Files.write(later, "Title\nfirst line\nsecond, caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    ImportReport report = run(null, file, later);
    assertEquals(List.of(file + ": not UTF-8 text: byte 0xE9 at offset 3 (line 1)",
        later + ": not UTF-8 text: byte 0xE9 at offset 28 (line 3)"),
        report.rejections().stream().map(Object::toString).toList());
    assertTrue(sink.articles().isEmpty());
  }

  @Test
  void textDirectoriesGzipAndFeedsAreImported() throws IOException {
    Path news = Files.createDirectories(dir.resolve("news"));
    Files.writeString(news.resolve("one.txt"), "\n  First title  \nFirst body line.\nSecond line.\n");
    Files.writeString(news.resolve("two.md"), "# Markdown title\n\nSome *text*.\n");
    Files.writeString(news.resolve("empty.txt"), "\n \n");
    Files.writeString(news.resolve("notes.csv"), "a,b\n");
    Files.writeString(news.resolve(".hidden.txt"), "Secret\n");
    // A text file is dated by its modification time: before the import's clock, as on a real disk.
    for (String name : List.of("one.txt", "two.md")) {
      Files.setLastModifiedTime(news.resolve(name), FileTime.from(Instant.parse("2026-03-09T08:00:00Z")));
    }
    gzip(news.resolve("feed.xml.gz"), "<rss version=\"2.0\"><channel><title>F</title><item><title>From the feed"
        + "</title><link>https://f.example/1</link><pubDate>someday</pubDate></item></channel></rss>");
    gzip(news.resolve("companies.ndjson.gz"), COMPANY + "\n");
    ImportReport report = run(null, news);
    assertEquals(List.of("Acme"), sink.records.stream().filter(Company.class::isInstance)
        .map(c -> ((Company) c).getName()).toList(), "companies come first");
    assertEquals(List.of("First title", "Markdown title", "From the feed"), sink.articles().stream()
        .map(Article::getTitle).toList(), "oldest first: the texts' modification time, then the feed's fetch time");
    assertEquals("First body line.\nSecond line.", sink.articles().get(0).getBody());
    assertTrue(sink.articles().get(0).getId().startsWith("text-"));
    assertEquals(List.of(news.resolve("empty.txt") + ": the file is empty: the first line is the title"),
        report.rejections().stream().map(Object::toString).toList());
    assertEquals(List.of(news.resolve("notes.csv") + ": not a file type newsflow imports"),
        report.skippedFiles().stream().map(Object::toString).toList());
    assertEquals(List.of(news.resolve("feed.xml.gz") + ":item 1: unparseable date 'someday'; used the fetch time "
        + "2026-03-10T12:00:00Z"), report.notes().stream().filter(n -> !n.where().isEmpty()).map(Object::toString).toList());
  }

  @Test
  void aGzipBombIsStoppedAtTheCap() throws IOException {
    Path bomb = dir.resolve("bomb.xml.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb))) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 20; i++) {
        out.write(zeros);
      }
    }
    ImportReport report = run(null, bomb);
    assertEquals(List.of(bomb + ": larger than " + FileImporter.MAX_DOCUMENT_BYTES + " bytes once decompressed"),
        report.rejections().stream().map(Object::toString).toList());
  }

  @Test
  void dryRunPrintsCanonicalJsonPerRecord() throws IOException {
    Path file = Files.writeString(dir.resolve("a.ndjson"), "{ \"body\": \"B\", \"title\": \"T\", \"id\": \"a1\" }\n"
        + RELEASE + "\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ImportReport report = new FileImporter(new JsonLinesSink(out), null, ImportProgress.silent(), clock)
        .run(List.of(file));
    assertTrue(report.clean());
    assertEquals("{\"id\":\"a1\",\"title\":\"T\",\"body\":\"B\"}\n"
        + CanonicalJson.write(CanonicalJson.read(RELEASE, Release.class)) + "\n", bytes.toString(StandardCharsets.UTF_8));
    assertEquals("read 2, would publish 2, rejected 0", report.summary(true));
  }

  @Test
  void missingInputsAndForeignJsonAreReported() throws IOException {
    Path data = Files.createDirectories(dir.resolve("d"));
    Files.writeString(data.resolve("expected.json"), "{\"title\":\"not a feed\",\"items\":[]}");
    ImportReport report = run(null, dir.resolve("nope.ndjson"), data);
    assertEquals(List.of(dir.resolve("nope.ndjson") + ": no such file or directory"),
        report.rejections().stream().map(Object::toString).toList());
    assertEquals(List.of(data.resolve("expected.json") + ": JSON that is not a JSON Feed"),
        report.skippedFiles().stream().map(Object::toString).toList());
  }

  @Test
  void theSummaryCountsRefusedFilesApartFromRejectedRecords() throws IOException {
    // gofeed's testdata read "read 288, would publish 116, rejected 174": 172 items and 2 files, so the
    // published and rejected counts did not add up to the records read.
    Path data = Files.createDirectories(dir.resolve("feeds"));
    Files.writeString(data.resolve("empty.xml"), "");
    Files.writeString(data.resolve("empty.txt"), "\n"); // an article without a title: a record rejected
    Files.writeString(data.resolve("one.xml"), "<rss version=\"2.0\"><channel><title>Desk</title><item><title>One"
        + "</title><pubDate>Mon, 02 Feb 2026 15:04:05 GMT</pubDate></item><item><title> </title></item></channel></rss>");
    ImportReport report = run(null, dir.resolve("nope.ndjson"), data);
    assertEquals("read 3, would publish 1, rejected 2, refused 2 files", report.summary(true));
    assertEquals(4, report.rejections().size());
  }

  @Test
  void progressIsPlainLinesOffATerminalAndABarOnOne() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long[] now = {0};
    ImportProgress plain = new ImportProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, () -> now[0]);
    plain.total(1000);
    now[0] = 10_000_000_000L;
    plain.update(250, 500);
    assertEquals("import: 25% (250 of 1,000 bytes), 500 records, 50 records/s, ETA 30 s\n",
        bytes.toString(StandardCharsets.UTF_8));
    bytes.reset();
    ImportProgress bar = new ImportProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, () -> now[0]);
    bar.total(1000);
    now[0] += 5_000_000_000L;
    bar.update(500, 100);
    assertEquals("\r[###############...............]  50% 100 records  20/s  ETA 5 s   ",
        bytes.toString(StandardCharsets.UTF_8));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static void gzip(Path file, String text) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
