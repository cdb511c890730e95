package dev.newsflow.producer.importer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.contract.ArticleText;
import dev.newsflow.contract.PublishedAtRule;
import dev.newsflow.contract.Sha256;
import dev.newsflow.contract.Whitespace;
import dev.newsflow.io.FileProblem;
import dev.newsflow.io.StrictUtf8;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.json.FieldError;
import dev.newsflow.json.InvalidRecordException;
import dev.newsflow.json.NdjsonLines;
import dev.newsflow.producer.EventTimeOrderedSink;
import dev.newsflow.producer.RecordChecks;
import dev.newsflow.producer.RecordSink;
import dev.newsflow.producer.feed.Feed;
import dev.newsflow.producer.feed.FeedArticles;
import dev.newsflow.producer.feed.FeedException;
import dev.newsflow.producer.feed.FeedItem;
import dev.newsflow.producer.feed.FeedParser;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.Release;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.avro.specific.SpecificRecord;

/**
 * Imports files into the raw topics (or, in a dry run, prints them): NDJSON of canonical Article,
 * Release or Company records (kind told per record, or forced), feed files (RSS, Atom, JSON Feed),
 * {@code .txt}/{@code .md} articles (first line is the title), and any of these gzipped. Directories
 * are walked in name order, company files first so reference data precedes the news that mentions it.
 * In a directory, files that are not newsflow input (other extensions, JSON that is not a JSON Feed, a
 * folder's documentation such as README or LICENSE files) are skipped and listed; a file named
 * explicitly is always read or rejected. Companies are published as read; articles and releases are
 * held and published oldest first (see {@link EventTimeOrderedSink}). Every rejection names
 * its file and line or item; reading always goes on past one.
 */
public final class FileImporter {
  /** Largest feed or text file read (after decompression). */
  public static final int MAX_DOCUMENT_BYTES = FeedParser.DEFAULT_MAX_BYTES;
  /** Largest decompressed NDJSON stream read from one .gz file: a guard against decompression bombs. */
  public static final long MAX_DECOMPRESSED_BYTES = 8L * 1024 * 1024 * 1024;

  /** News held back to be published oldest first; past this many, it goes out in ordered chunks. */
  public static final int MAX_HELD_FOR_ORDER = 50_000;
  /**
   * A folder's own documentation: never news, whatever its extension (data/sample's README.md would
   * otherwise become an article dated by the file's modification time).
   */
  private static final java.util.regex.Pattern FOLDER_DOCUMENTATION = java.util.regex.Pattern.compile(
      "(readme|licen[cs]e|copying|changelog|changes|notice|contributing|authors)([._-].*)?", java.util.regex.Pattern.CASE_INSENSITIVE);

  private final EventTimeOrderedSink sink;
  private final ImportKind forcedKind;
  private final ImportProgress progress;
  private final Clock clock;
  private final PublishedAtRule articles;
  private final FeedParser parser = new FeedParser();
  private final ImportReport report = new ImportReport();
  /** Unknown fields already told about, per kind: a typo in a million-line file is told once. */
  private final java.util.Set<String> unknownFieldsTold = new java.util.HashSet<>();
  private long bytesBefore;
  private long bytesInCurrent;

  /** The input types, told by file name ({@code .gz} stripped) or, for a named file, by content. */
  enum Type { NDJSON, JSON, FEED, TEXT }

  private record Input(Path path, boolean named) {}

  /** @param forcedKind the kind of every NDJSON record, or null to tell it from each record's fields */
  public FileImporter(RecordSink sink, ImportKind forcedKind, ImportProgress progress, Clock clock) {
    this(sink, forcedKind, progress, PublishedAtRule.standard().withClock(clock));
  }

  /**
   * @param articles how far ahead of now an article's {@code publishedAt} may be ({@code articles.max.future});
   *     its clock is the import's clock (it also dates items and texts that carry no date)
   */
  public FileImporter(RecordSink sink, ImportKind forcedKind, ImportProgress progress, PublishedAtRule articles) {
    this.sink = new EventTimeOrderedSink(sink, MAX_HELD_FOR_ORDER);
    this.forcedKind = forcedKind;
    this.progress = progress;
    this.clock = articles.clock();
    this.articles = articles;
  }

  /** Imports {@code paths} (files or directories) and returns the report; throws only if publishing fails. */
  public ImportReport run(List<Path> paths) {
    List<Input> inputs = expand(paths);
    long total = 0;
    for (Input input : inputs) {
      try {
        total += Files.size(input.path());
      } catch (IOException ignored) {
        // reported when the file is read
      }
    }
    progress.total(total);
    for (Input input : inputs) {
      bytesInCurrent = 0;
      importFile(input);
      sink.flush();
      try {
        bytesBefore += Files.size(input.path());
      } catch (IOException ignored) {
        bytesBefore += bytesInCurrent;
      }
      progress.update(bytesBefore, report.read());
    }
    sink.drain();
    if (sink.chunksHandedOnEarly() > 0) {
      report.note("(all files)", "event-time order", "more than " + MAX_HELD_FOR_ORDER + " articles and releases: published oldest first within "
          + "each run of " + MAX_HELD_FOR_ORDER + ", not across them");
    }
    progress.finish(bytesBefore, report.read());
    return report;
  }

  private List<Input> expand(List<Path> paths) {
    List<Input> inputs = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          List<Path> files = walk.filter(p -> !isHidden(path, p)).filter(Files::isRegularFile)
              .sorted(Comparator.comparing((Path p) -> !isCompanyFile(p)).thenComparing(Path::toString))
              .collect(Collectors.toList());
          for (Path file : files) {
            if (FOLDER_DOCUMENTATION.matcher(file.getFileName().toString()).matches()) {
              report.skipped(file.toString(), "a folder's documentation, not news");
            } else if (typeByName(file) == null) {
              report.skipped(file.toString(), "not a file type newsflow imports");
            } else {
              inputs.add(new Input(file, false));
            }
          }
        } catch (IOException | java.io.UncheckedIOException e) {
          report.inputRejected(path.toString(), "cannot list the directory: " + e.getMessage());
        }
      } else if (Files.isRegularFile(path)) {
        inputs.add(new Input(path, true));
      } else if (Files.exists(path)) {
        report.inputRejected(path.toString(), "neither a file nor a directory");
      } else {
        report.inputRejected(path.toString(), "no such file or directory");
      }
    }
    return inputs;
  }

  private static boolean isHidden(Path root, Path p) {
    for (Path part : root.relativize(p)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isCompanyFile(Path p) {
    return p.getFileName().toString().toLowerCase(Locale.ROOT).contains("compan");
  }

  static Type typeByName(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
    }
    int dot = name.lastIndexOf('.');
    String ext = dot < 0 ? "" : name.substring(dot + 1);
    return switch (ext) {
      case "ndjson", "jsonl" -> Type.NDJSON;
      case "json" -> Type.JSON;
      case "xml", "rss", "atom", "rdf" -> Type.FEED;
      case "txt", "md", "markdown" -> Type.TEXT;
      default -> null;
    };
  }

  private void importFile(Input input) {
    String name = input.path().toString();
    Type type = typeByName(input.path());
    try {
      if (type == null || type == Type.JSON) {
        byte[] head = readHead(input.path());
        type = sniff(head, type);
        if (type == Type.JSON && !FeedParser.isJsonFeed(readDocument(input.path()))) {
          if (!input.named()) {
            report.skipped(name, "JSON that is not a JSON Feed");
            return;
          }
          type = Type.NDJSON; // a named .json file of records
        } else if (type == Type.JSON) {
          type = Type.FEED;
        }
      }
      if (type == Type.NDJSON && !input.named() && forcedKind == null && !holdsRecords(input.path())) {
        report.skipped(name, "its first record is neither an article, a release nor a company");
        return;
      }
      switch (type) {
        case NDJSON -> importNdjson(input.path(), name);
        case FEED -> importFeed(input.path(), name);
        case TEXT -> importText(input.path(), name);
        default -> throw new IllegalStateException(type.toString());
      }
    } catch (DocumentTooLargeException e) {
      report.inputRejected(name, e.getMessage());
    } catch (IOException e) {
      report.inputRejected(name, "cannot read: " + FileProblem.reason(e));
    }
  }

  /** The type of a file from its first bytes: JSON, markup (a feed) or text. */
  private static Type sniff(byte[] head, Type byName) {
    String text = new String(head, StandardCharsets.UTF_8).stripLeading();
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1).stripLeading();
    }
    if (text.startsWith("{") || text.startsWith("[")) {
      return Type.JSON;
    }
    if (byName == Type.JSON) {
      return Type.NDJSON; // not JSON at all: let the line reader say what is wrong, line by line
    }
    return text.startsWith("<") ? Type.FEED : Type.TEXT;
  }

  /**
   * False when the first record of an NDJSON file is a JSON object of no known kind: in a directory,
   * such a file (test expectations, other tools' data) is not newsflow input.
   */
  private boolean holdsRecords(Path file) throws IOException {
    try (java.io.BufferedReader reader = new java.io.BufferedReader(
        new java.io.InputStreamReader(open(file, MAX_DOCUMENT_BYTES), StandardCharsets.UTF_8))) {
      String line;
      int read = 0;
      while ((line = reader.readLine()) != null && line.isBlank() && read++ < 1000) {
        // skip leading blank lines
      }
      if (line == null || line.length() > NdjsonLines.MAX_LINE_CHARS) {
        return true;
      }
      try {
        JsonNode first = CanonicalJson.mapper().readTree(line.strip().replace("\uFEFF", ""));
        return first == null || !first.isObject() || ImportKind.detect(first) != null;
      } catch (JsonProcessingException e) {
        return true; // broken JSON is reported line by line
      }
    }
  }

  private void importNdjson(Path file, String name) throws IOException {
    try (InputStream in = open(file, MAX_DECOMPRESSED_BYTES)) {
      NdjsonLines.forEachLine(in, name, (lineNo, text) -> {
        record(name, "line " + lineNo, text);
        progress.update(bytesBefore + bytesInCurrent, report.read());
      }, r -> report.rejected(name, "line " + r.line(), r.reason()));
    }
  }

  private void record(String file, String where, String text) {
    NdjsonLines.JsonObjectLine line = NdjsonLines.parseObject(text);
    if (line.error() != null) {
      report.rejected(file, where, line.error());
      return;
    }
    JsonNode tree = line.object();
    ImportKind kind = forcedKind != null ? forcedKind : ImportKind.detect(tree);
    if (kind == null) {
      report.rejected(file, where, "cannot tell whether this is an article, a release or a company "
          + "(it has none of title, body, product, releasedAt, name, aliases); give --kind");
      return;
    }
    for (String field : CanonicalJson.unknownFields(tree, kind.type())) {
      if (unknownFieldsTold.add(kind + "." + field)) {
        report.note(file, where, "field '" + field + "' is not part of " + kind.type().getSimpleName()
            + " and is ignored (told once per field)");
      }
    }
    SpecificRecord record;
    try {
      record = CanonicalJson.read(tree, kind.type());
    } catch (InvalidRecordException e) {
      report.rejected(file, where, e.getMessage());
      return;
    }
    publish(file, where, record);
  }

  private void publish(String file, String where, SpecificRecord record) {
    List<FieldError> errors = RecordChecks.check(record, articles);
    if (!errors.isEmpty()) {
      report.rejected(file, where, new InvalidRecordException(record.getSchema().getName(), errors).getMessage());
      return;
    }
    if (record instanceof Article a) {
      sink.article(a);
    } else if (record instanceof Release r) {
      sink.release(r);
    } else if (record instanceof Company c) {
      sink.company(c);
    }
    report.published();
  }

  private void importFeed(Path file, String name) throws IOException {
    byte[] bytes = readDocument(file);
    Feed feed;
    try {
      feed = parser.parse(bytes, null, null);
    } catch (FeedException e) {
      report.inputRejected(name, e.getMessage());
      return;
    }
    feed.warnings().forEach(w -> report.note(name, "", w));
    Instant now = clock.instant();
    int index = 0;
    for (FeedItem item : feed.items()) {
      index++;
      String where = "item " + index;
      FeedArticles.Result result = FeedArticles.toArticle(feed, item, null, file.getFileName().toString(), now);
      result.notes().forEach(n -> report.note(name, where, n));
      if (result.isRejected()) {
        report.rejected(name, where, result.rejection());
      } else {
        publish(name, where, result.article());
      }
    }
  }

  private void importText(Path file, String name) throws IOException {
    byte[] bytes = readDocument(file);
    String text;
    try {
      text = StrictUtf8.decode(bytes);
    } catch (StrictUtf8.MalformedUtf8Exception e) {
      report.inputRejected(name, "not UTF-8 text: " + e.byteAndOffset() + " (line " + e.line() + ")");
      return;
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    text = ArticleText.clean(text);
    String[] lines = text.split("\n", -1);
    int first = 0;
    while (first < lines.length && lines[first].isBlank()) {
      first++;
    }
    if (first == lines.length) {
      report.rejected(name, "", "the file is empty: the first line is the title");
      return;
    }
    String title = Whitespace.collapse(stripMarkdownHeading(lines[first]));
    String body = String.join("\n", java.util.Arrays.copyOfRange(lines, first + 1, lines.length)).strip();
    if (title.isEmpty()) {
      report.rejected(name, "line " + (first + 1), "the title line holds no text");
      return;
    }
    Article article = Article.newBuilder()
        .setId("text-" + Sha256.hex(title + "\n" + body, 16))
        .setTitle(title)
        .setBody(body)
        .setPublishedAt(Files.getLastModifiedTime(file).toInstant())
        .build();
    publish(name, "", article);
  }

  private static String stripMarkdownHeading(String line) {
    String s = line.strip();
    int i = 0;
    while (i < s.length() && s.charAt(i) == '#') {
      i++;
    }
    return i > 0 && i < s.length() && s.charAt(i) == ' ' ? s.substring(i + 1) : s;
  }

  private byte[] readHead(Path file) throws IOException {
    try (InputStream in = open(file, MAX_DOCUMENT_BYTES)) {
      return in.readNBytes(512);
    }
  }

  private byte[] readDocument(Path file) throws IOException {
    try (InputStream in = open(file, MAX_DOCUMENT_BYTES)) {
      byte[] bytes = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
      if (bytes.length > MAX_DOCUMENT_BYTES) {
        throw new DocumentTooLargeException("larger than " + MAX_DOCUMENT_BYTES + " bytes; the limit for one document");
      }
      return bytes;
    }
  }

  /** The file's content, un-gzipped when its name ends in .gz, counted for progress and capped. */
  private InputStream open(Path file, long maxBytes) throws IOException {
    InputStream raw = new FilterInputStream(Files.newInputStream(file)) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          bytesInCurrent++;
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int off, int len) throws IOException {
        int n = super.read(buffer, off, len);
        if (n > 0) {
          bytesInCurrent += n;
        }
        return n;
      }
    };
    if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
      return raw;
    }
    try {
      return new CappedInputStream(new GZIPInputStream(raw), maxBytes);
    } catch (java.util.zip.ZipException e) {
      raw.close();
      throw new IOException("not gzip data: " + e.getMessage(), e);
    }
  }

  /** A document over its size limit. */
  static final class DocumentTooLargeException extends IOException {
    DocumentTooLargeException(String message) {
      super(message);
    }
  }

  /** Fails past {@code max} bytes: what a decompression bomb runs into. */
  private static final class CappedInputStream extends FilterInputStream {
    private final long max;
    private long count;

    CappedInputStream(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0 && ++count > max) {
        throw new DocumentTooLargeException("larger than " + max + " bytes once decompressed");
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      int n = super.read(buffer, off, len);
      if (n > 0) {
        count += n;
        if (count > max) {
          throw new DocumentTooLargeException("larger than " + max + " bytes once decompressed");
        }
      }
      return n;
    }
  }
}
