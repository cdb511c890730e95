package dev.newsflow.bench;

import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.Article;
import dev.newsflow.wire.SingleObjectCodec;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The wire format against canonical JSON, for a 3 KB article: what one record costs to encode and decode. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
  private final SingleObjectCodec<Article> codec = new SingleObjectCodec<>(Article.class);
  private Article article;
  private byte[] avro;
  private String json;

  @Setup
  public void setUp() {
    article = Article.newBuilder().setId("bench-1").setTitle("ByteDance releases Seedance 2.0 video model")
        .setBody("Seedance 2.0 generates multi-shot video from text and images. ".repeat(50))
        .setUrl("https://news.example.com/2026/02/10/seedance").setSource("Bench Wire")
        .setPublishedAt(Instant.parse("2026-02-10T08:00:00Z")).setLanguage("en").build();
    avro = codec.encode(article);
    json = CanonicalJson.write(article);
  }

  @Benchmark
  public byte[] avroEncode() {
    return codec.encode(article);
  }

  @Benchmark
  public Article avroDecode() {
    return codec.decode(avro);
  }

  @Benchmark
  public String jsonWrite() {
    return CanonicalJson.write(article);
  }

  @Benchmark
  public Article jsonRead() {
    return CanonicalJson.read(json, Article.class);
  }
}
