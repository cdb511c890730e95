package dev.newsflow.producer;

import dev.newsflow.contract.PublishedAtRule;
import dev.newsflow.json.NdjsonLines;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.Release;
import dev.newsflow.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Publishes a dataset folder laid out like the bundled sample data: {@code companies.ndjson},
 * {@code articles.ndjson} and {@code releases.ndjson} (each optional), in canonical JSON.
 */
public final class DatasetPublisher {
  public static final String COMPANIES = "companies.ndjson";
  public static final String ARTICLES = "articles.ndjson";
  public static final String RELEASES = "releases.ndjson";

  private final RecordSink sink;
  private final PublishedAtRule publishedAt;

  /** What was published and what was refused. */
  public record Report(long companies, long articles, long releases, List<NdjsonLines.Rejection> rejections) {}

  /** Publishes to Kafka through {@code publisher}. */
  public DatasetPublisher(RecordPublisher publisher, Topics topics, PublishedAtRule articles) {
    this(new KafkaRecordSink(publisher, topics), articles);
  }

  /** Hands the records to {@code sink}: Kafka, or a test's recording. */
  public DatasetPublisher(RecordSink sink) {
    this(sink, PublishedAtRule.standard());
  }

  /** {@code articles}: how far ahead of now an article's {@code publishedAt} may be ({@code articles.max.future}). */
  public DatasetPublisher(RecordSink sink, PublishedAtRule articles) {
    this.sink = sink;
    this.publishedAt = articles;
  }

  /** Checks that {@code dir} is a dataset folder; the message says what is missing. */
  public static void requireDataset(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("data folder " + dir + " does not exist");
    }
    if (!Files.exists(dir.resolve(COMPANIES)) && !Files.exists(dir.resolve(ARTICLES))) {
      throw new IllegalArgumentException("data folder " + dir + " holds neither " + COMPANIES + " nor " + ARTICLES
          + "; see data/sample for the layout");
    }
  }

  public Report publishCompanies(Path dir) {
    List<NdjsonLines.Rejection> rejections = new ArrayList<>();
    long n = readIfPresent(dir.resolve(COMPANIES), Company.class, publishedAt, sink::company, rejections);
    sink.flush();
    return new Report(n, 0, 0, rejections);
  }

  /**
   * Publishes the folder's articles and releases together, oldest first ({@link EventTimeOrder}): the
   * folder is read whole, so its order on disk need not become the order the windows see.
   */
  public Report publishNews(Path dir) {
    List<NdjsonLines.Rejection> rejections = new ArrayList<>();
    // The folder is read whole, so the order-keeping sink can hold all of it (a dataset is small).
    EventTimeOrderedSink ordered = new EventTimeOrderedSink(sink, Integer.MAX_VALUE);
    long articles = readIfPresent(dir.resolve(ARTICLES), Article.class, publishedAt, ordered::article, rejections);
    long releases = readIfPresent(dir.resolve(RELEASES), Release.class, publishedAt, ordered::release, rejections);
    ordered.drain();
    return new Report(0, articles, releases, rejections);
  }

  /**
   * Reads the whole folder without publishing: what {@code demo} checks before it starts anything. Returns the
   * records that would be refused; fails when every record of a file would be.
   */
  public static List<NdjsonLines.Rejection> check(Path dir) {
    return check(dir, PublishedAtRule.standard());
  }

  /** With {@code publishedAt} judging the articles' dates as publishing them would. */
  public static List<NdjsonLines.Rejection> check(Path dir, PublishedAtRule publishedAt) {
    requireDataset(dir);
    List<NdjsonLines.Rejection> rejections = new ArrayList<>();
    requireSome(dir.resolve(COMPANIES), "companies", Company.class, publishedAt, rejections);
    requireSome(dir.resolve(ARTICLES), "articles", Article.class, publishedAt, rejections);
    requireSome(dir.resolve(RELEASES), "releases", Release.class, publishedAt, rejections);
    return rejections;
  }

  /**
   * Reads {@code file} as {@link #check} does, and refuses it whole when it holds records and every one of them
   * would be refused: a data folder none of whose companies (or articles) can be published is a mistake to say
   * before anything starts, not a run with nothing in it.
   */
  private static <T extends SpecificRecord> void requireSome(Path file, String what, Class<T> type,
      PublishedAtRule publishedAt, List<NdjsonLines.Rejection> rejections) {
    int before = rejections.size();
    long accepted = readIfPresent(file, type, publishedAt, r -> { }, rejections);
    int refused = rejections.size() - before;
    if (accepted == 0 && refused > 0) {
      throw new IllegalArgumentException("none of the " + refused + " " + what + " in " + file
          + " can be published; the first refusal: " + rejections.get(before));
    }
  }

  private static <T extends SpecificRecord> long readIfPresent(Path file, Class<T> type, PublishedAtRule publishedAt,
      java.util.function.Consumer<? super T> sink, List<NdjsonLines.Rejection> rejections) {
    if (!Files.exists(file)) {
      return 0;
    }
    try {
      return NdjsonReader.read(file, type, publishedAt, sink::accept, rejections::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
