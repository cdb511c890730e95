package dev.newsflow.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.config.ConfigException;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class FormattedSerdeTest {
  private final SingleObjectCodec<CompanySummary> codec = new SingleObjectCodec<>(CompanySummary.class);
  private final CompanySummary summary = summary();

  static CompanySummary summary() {
    try {
      String json = Files.readString(Path.of("test-vectors", "CompanySummary.json"), StandardCharsets.UTF_8);
      return CanonicalJson.read(CanonicalJson.mapper().readTree(json).get("json"), CompanySummary.class);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void jsonModeWritesTheCanonicalJsonAndSaysSoInTheHeader() {
    FormattedSerde<CompanySummary> serde = new FormattedSerde<>(codec, ValueFormat.JSON);
    RecordHeaders headers = new RecordHeaders();
    byte[] bytes = serde.serializer().serialize("t", headers, summary);
    assertEquals(CanonicalJson.write(summary), new String(bytes, StandardCharsets.UTF_8));
    assertEquals("application/json", new String(headers.lastHeader("content-type").value(), StandardCharsets.UTF_8));
    assertEquals(summary, serde.deserializer().deserialize("t", headers, bytes));
  }

  @Test
  void avroModeWritesSingleObjectEncodingWithItsOwnHeader() {
    FormattedSerde<CompanySummary> serde = new FormattedSerde<>(codec, ValueFormat.AVRO);
    RecordHeaders headers = new RecordHeaders();
    byte[] bytes = serde.serializer().serialize("t", headers, summary);
    assertArrayEquals(codec.encode(summary), bytes);
    assertEquals("application/vnd.apache.avro.single-object",
        new String(headers.lastHeader("content-type").value(), StandardCharsets.UTF_8));
  }

  @Test
  void aHeaderCarriedOverFromTheInputIsReplacedNotRepeated() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
    new FormattedSerde<>(codec, ValueFormat.AVRO).serializer().serialize("t", headers, summary);
    assertEquals(1, headers.toArray().length);
    assertEquals(ValueFormat.AVRO.contentType(), new String(headers.lastHeader("content-type").value(), StandardCharsets.UTF_8));
  }

  @Test
  void eitherFormatIsReadWithoutAHeaderByItsFirstBytes() {
    FormattedSerde<CompanySummary> reader = new FormattedSerde<>(codec, ValueFormat.AVRO);
    assertEquals(summary, reader.deserializer().deserialize("t", codec.encode(summary)));
    assertEquals(summary, reader.deserializer().deserialize("t",
        (" " + CanonicalJson.write(summary)).getBytes(StandardCharsets.UTF_8)));
    assertNull(reader.deserializer().deserialize("t", null), "a tombstone stays null");
  }

  @Test
  void badJsonIsADecodingErrorThatNamesTheField() {
    FormattedSerde<CompanySummary> reader = new FormattedSerde<>(codec, ValueFormat.JSON);
    RecordDecodingException e = assertThrows(RecordDecodingException.class,
        () -> reader.deserializer().deserialize("t", "{\"companyId\": \"x\"}".getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("name"), e.getMessage());
    assertThrows(RecordDecodingException.class, () -> reader.deserializer().deserialize("t", "nonsense".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void outputFormatIsConfiguredForAllOutputsOrPerTopic() {
    Topics all = NewsflowConfig.defaults().with("output.format", "json").topics();
    assertEquals(ValueFormat.JSON, ((FormattedSerde<?>) all.companySummary().valueSerde()).format());
    assertEquals(ValueFormat.JSON, ((FormattedSerde<?>) all.alerts().valueSerde()).format());

    Topics one = NewsflowConfig.defaults().with(Map.of("output.format", "avro", "output.format.company.summary", "JSON")).topics();
    assertEquals(ValueFormat.JSON, ((FormattedSerde<?>) one.companySummary().valueSerde()).format());
    assertEquals(ValueFormat.AVRO, ((FormattedSerde<?>) one.articlesEnriched().valueSerde()).format());
    assertEquals(ValueFormat.AVRO, ((FormattedSerde<?>) NewsflowConfig.defaults().topics().alerts().valueSerde()).format());
    assertTrue(one.articlesRaw().valueSerde() instanceof AvroSerde<Article>, "inputs stay Avro only");
  }

  @Test
  void aWrongFormatOrTopicIsRefusedNamingTheKey() {
    ConfigException format = assertThrows(ConfigException.class,
        () -> NewsflowConfig.defaults().with("output.format", "protobuf").topics());
    assertTrue(format.getMessage().contains("output.format") && format.getMessage().contains("avro or json"), format.getMessage());
    ConfigException topic = assertThrows(ConfigException.class,
        () -> NewsflowConfig.defaults().with("output.format.articles.raw", "json").topics());
    assertTrue(topic.getMessage().contains("output.format.articles.raw"), topic.getMessage());
  }
}
