package dev.newsflow.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.schema.Company;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** demo's dataset: companies first, then the articles and releases of the folder together, oldest first. */
class DatasetPublisherTest {
  private static final Path SAMPLE = Path.of("..", "data", "sample");

  @Test
  void theSampleIsPublishedCompaniesFirstThenNewsOldestFirst() {
    RecordingSink sink = new RecordingSink();
    DatasetPublisher dataset = new DatasetPublisher(sink);
    assertEquals(38, dataset.publishCompanies(SAMPLE).companies());
    DatasetPublisher.Report news = dataset.publishNews(SAMPLE);
    assertEquals(54, news.articles());
    assertEquals(27, news.releases());
    assertTrue(sink.records.subList(0, 38).stream().allMatch(Company.class::isInstance));
    List<Instant> times = new ArrayList<>();
    sink.records.subList(38, sink.records.size())
        .forEach(r -> times.add(EventTimeOrder.eventTime((SpecificRecord) r)));
    List<Instant> sorted = new ArrayList<>(times);
    sorted.sort(null);
    assertEquals(sorted, times, "articles and releases interleaved by their own time");
  }
}
