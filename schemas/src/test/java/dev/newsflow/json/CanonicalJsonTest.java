package dev.newsflow.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.schema.Alert;
import dev.newsflow.schema.AlertRule;
import dev.newsflow.schema.Article;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.DeadLetter;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Mention;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
  @Test
  void aNumberIsNoTimestamp() {
    InvalidRecordException e = assertThrows(InvalidRecordException.class, () -> CanonicalJson.read(
        "{\"id\":\"a\",\"title\":\"T\",\"body\":\"B\",\"publishedAt\":12345}", Article.class));
    assertEquals("invalid Article: publishedAt: expected an ISO-8601 timestamp such as 2026-02-10T08:30:00Z, got 12345",
        e.getMessage());
  }

  @Test
  void unknownFieldsAreToldAndParseErrorsSayWhereWithoutJacksonInternals() throws Exception {
    assertEquals(List.of("headline", "publishDate"), CanonicalJson.unknownFields(CanonicalJson.mapper().readTree(
        "{\"id\":\"a\",\"headline\":\"T\",\"body\":\"B\",\"publishDate\":\"x\"}"), Article.class));
    com.fasterxml.jackson.core.JsonProcessingException broken = assertThrows(
        com.fasterxml.jackson.core.JsonProcessingException.class,
        () -> CanonicalJson.mapper().readTree("{\"endpoints\": [\n  {\"name\": }]}"));
    String told = CanonicalJson.describe(broken);
    assertTrue(told.endsWith("(line 2, column 12)"), told);
    assertFalse(told.contains("Source") || told.contains("StreamReadFeature"), told);
    // Jackson embeds one more location, with its source description, in the message of an unclosed array
    com.fasterxml.jackson.core.JsonProcessingException unclosed = assertThrows(
        com.fasterxml.jackson.core.JsonProcessingException.class,
        () -> CanonicalJson.mapper().readTree("[{\"id\": \"a\"},\n 5"));
    assertEquals("Unexpected end-of-input: expected close marker for Array (start marker at line 1, column 1) "
        + "(line 2, column 3)", CanonicalJson.describe(unclosed));
  }

  @Test
  void writesCamelCaseFieldsInSchemaOrderAndLeavesOutAbsentOnes() {
    Article article = Article.newBuilder().setId("a-1").setTitle("Title").setBody("Body")
        .setPublishedAt(Instant.parse("2026-02-10T08:30:00Z")).build();
    assertEquals("{\"id\":\"a-1\",\"title\":\"Title\",\"body\":\"Body\",\"publishedAt\":\"2026-02-10T08:30:00Z\"}",
        CanonicalJson.write(article));
  }

  @Test
  void roundTripsEveryKindOfField() {
    EnrichedArticle record = EnrichedArticle.newBuilder()
        .setId("a-1").setTitle("标题").setBody("正文").setUrl("https://example.com/x")
        .setPublishedAt(Instant.parse("2026-02-10T08:30:00.123Z"))
        .setMentions(List.of(Mention.newBuilder().setCompanyId("alibaba").setAlias("通义千问").setCount(3)
            .setSalience(0.75).setInTitle(false).setSentiment(-0.25).build()))
        .setSentiment(0.5).setStoryId("s-1").setDuplicateOf("a-0").setEnrichmentVersion("v1")
        .build();
    assertEquals(record, CanonicalJson.read(CanonicalJson.write(record), EnrichedArticle.class));

    Alert alert = Alert.newBuilder().setId("al-1").setRuleId("r").setRuleType("WATCH").setTitle("t")
        .setFiredAt(Instant.parse("2026-02-10T09:00:00Z")).setMetrics(Map.of("z", 4.2))
        .setEvidence(List.of("a-1", "a-2")).build();
    assertEquals(alert, CanonicalJson.read(CanonicalJson.write(alert), Alert.class));
  }

  @Test
  void readsOptionalCollectionsAsEmptyWhenAbsent() {
    Company company = CanonicalJson.read("{\"id\":\"unitree\",\"name\":\"Unitree Robotics\"}", Company.class);
    assertEquals(List.of(), company.getAliases());
    assertEquals(List.of(), company.getProducts());
  }

  @Test
  void reportsEveryWrongFieldAtOnce() {
    InvalidRecordException e = assertThrows(InvalidRecordException.class, () -> CanonicalJson.read(
        "{\"id\":\" \",\"body\":42,\"publishedAt\":\"last Tuesday\"}", Article.class));
    assertEquals("Article", e.recordType());
    assertEquals(List.of(
            new FieldError("id", "must not be blank"),
            new FieldError("title", "is required"),
            new FieldError("body", "expected a string"),
            new FieldError("publishedAt", "expected an ISO-8601 timestamp such as 2026-02-10T08:30:00Z, got \"last Tuesday\"")),
        e.errors());
  }

  @Test
  void aWrongJsonTypeInABooleanOrNumberFieldThatCannotBeNullIsReportedNotThrown() {
    // "enabled" is a plain boolean with a default: a null put into it threw a NullPointerException.
    InvalidRecordException rule = assertThrows(InvalidRecordException.class, () -> CanonicalJson.read(
        "{\"id\":\"r\",\"type\":\"WATCH\",\"enabled\":\"yes\"}", AlertRule.class));
    assertEquals(List.of(new FieldError("enabled", "expected true or false")), rule.errors());
  }

  @Test
  void aNumberOfTheWrongJsonTypeIsReportedWithWhatWasExpected() {
    InvalidRecordException rule = assertThrows(InvalidRecordException.class, () -> CanonicalJson.read(
        "{\"id\":\"r\",\"type\":\"WATCH\",\"threshold\":\"high\",\"minArticles\":2.5}", AlertRule.class));
    assertEquals(List.of(
            new FieldError("threshold", "expected a number"),
            new FieldError("minArticles", "expected a whole number")),
        rule.errors());
    InvalidRecordException letter = assertThrows(InvalidRecordException.class, () -> CanonicalJson.read(
        "{\"sourcePartition\":3000000000,\"sourceOffset\":\"42\"}", DeadLetter.class));
    assertTrue(letter.errors().containsAll(List.of(
            new FieldError("sourcePartition", "expected a whole number"),
            new FieldError("sourceOffset", "expected a whole number"))),
        letter.errors().toString());
  }

  @Test
  void acceptsTheIsoFormsPeopleWrite() {
    assertEquals(Instant.parse("2026-02-10T00:30:00Z"), CanonicalJson.parseInstant("2026-02-10T08:30:00+08:00"));
    assertEquals(Instant.parse("2026-02-10T08:30:00Z"), CanonicalJson.parseInstant("2026-02-10T08:30:00"));
    assertEquals(Instant.parse("2026-02-10T00:00:00Z"), CanonicalJson.parseInstant("2026-02-10"));
    assertEquals(null, CanonicalJson.parseInstant("10/02/2026"));
  }

  @Test
  void ignoresUnknownFieldsSoNewerWritersStayReadable() {
    Article a = CanonicalJson.read("{\"id\":\"a\",\"title\":\"t\",\"body\":\"b\",\"futureField\":{\"x\":1}}", Article.class);
    assertEquals("a", a.getId());
  }

  @Test
  void rejectsSomethingThatIsNotAnObject() {
    InvalidRecordException e = assertThrows(InvalidRecordException.class, () -> CanonicalJson.read("[1,2]", Article.class));
    assertEquals("expected a JSON object", e.errors().get(0).message());
    InvalidRecordException broken = assertThrows(InvalidRecordException.class, () -> CanonicalJson.read("{\"id\":", Article.class));
    assertTrue(broken.getMessage().startsWith("invalid Article: not valid JSON"), broken.getMessage());
  }

  @Test
  void rejectsDeeplyNestedDocumentsWithoutAStackOverflow() {
    String deep = "{\"id\":\"a\",\"title\":\"t\",\"body\":\"b\",\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
    InvalidRecordException e = assertThrows(InvalidRecordException.class, () -> CanonicalJson.read(deep, Article.class));
    assertFalse(e.errors().isEmpty());
  }
}
