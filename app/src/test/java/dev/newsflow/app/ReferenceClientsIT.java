package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.testkit.AbsentResource;
import dev.newsflow.testkit.KafkaFixture;
import dev.newsflow.testkit.TestTopics;
import dev.newsflow.topic.TopicContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import dev.newsflow.testkit.Poll;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference clients in {@code clients/}, run against a demo on the real broker as a user in another
 * language would: the Python consumer (Debian's python3-confluent-kafka and python3-avro) decodes every
 * record of every public topic and prints exactly what {@code newsflow tail} prints, record for record.
 */
class ReferenceClientsIT {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final String PYTHON = System.getenv().getOrDefault("NEWSFLOW_PYTHON", "/usr/bin/python3");

  static final java.util.Comparator<JsonNode> BY_POSITION = java.util.Comparator
      .comparing((JsonNode l) -> l.get("topic").asText())
      .thenComparingInt(l -> l.get("partition").asInt())
      .thenComparingLong(l -> l.get("offset").asLong());

  @TempDir Path workDir;

  @Test
  void thePythonConsumerDecodesEveryPublicTopicAsNewsflowTailDoes() throws Exception {
    requirePython();
    // 1. a demo run on the sample data
    String prefix = TestTopics.uniquePrefix("ReferenceClientsIT");
    runDemo(prefix);

    // 2. the test vectors decode in Python too
    Process vectors = python("--check-vectors", ROOT.resolve("schemas/test-vectors").toString());
    assertEquals(0, finish(vectors, workDir.resolve("vectors.out")), read(workDir.resolve("vectors.out.err")));

    // 3. every public topic, by the Python client and by newsflow tail, and every key as documented
    pythonReadsWhatTailPrints(prefix);
  }

  @Test
  void inJsonModeKcatReadsTheSummariesAsTheFilesHoldThem() throws Exception {
    requirePython();
    requireKcat();
    // 1. a demo run writing every output as JSON: newsflow's own readers (summary writer, alerts) follow
    String prefix = TestTopics.uniquePrefix("ReferenceClientsJsonIT");
    runDemo(prefix, "-D", "output.format=json");

    // 2. kcat, as any shell user would, reads company.summary to its end
    Process kcat = new ProcessBuilder("kcat", "-b", KafkaFixture.bootstrapServers(), "-C", "-t", prefix + "company.summary",
        "-e", "-q", "-X", "isolation.level=read_committed", "-f", "%p\\t%k\\t%h\\t%s\\n").start();
    Path kcatOut = workDir.resolve("kcat.out");
    assertEquals(0, finish(kcat, kcatOut), read(Path.of(kcatOut + ".err")));
    Map<String, JsonNode> latest = new TreeMap<>();
    int records = 0;
    for (String line : read(kcatOut).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.split("\t", 4);
      assertEquals("content-type=application/json", fields[2], "the header says JSON: " + line);
      latest.put(fields[1], CanonicalJson.mapper().readTree(fields[3])); // a key lives in one partition, read in order
      records++;
    }
    assertTrue(records >= latest.size() && latest.size() > 30, "kcat read " + records + " summaries of " + latest.size() + " companies");

    // 3. the latest summary of each company is the file the summary writer wrote, field for field
    Map<String, JsonNode> files = new TreeMap<>();
    try (var list = Files.list(workDir.resolve("out").resolve("summaries"))) {
      for (Path f : list.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().startsWith("_")).toList()) {
        String name = f.getFileName().toString();
        files.put(name.substring(0, name.length() - 5), CanonicalJson.mapper().readTree(Files.readString(f, StandardCharsets.UTF_8)));
      }
    }
    assertEquals(files, latest);

    // 4. the Python reference client reads the JSON topics as newsflow tail does
    pythonReadsWhatTailPrints(prefix);
  }

  @Test
  void thePythonConsumerSkipsAbortedTransactionsAsNewsflowTailDoes() throws Exception {
    requirePython();
    // Committed and aborted transactions interleaved on 3 partitions, as an exactly-once stage writes them
    // when a task is restarted: a read_committed reader must print the committed records only.
    var config = TestTopics.config("ReferenceClientsAbortIT", workDir, 3);
    String prefix = config.topics().prefix();
    var topic = config.topics().companies();
    Map<String, Object> props = new java.util.HashMap<>(config.kafkaProperties());
    props.put("transactional.id", prefix + "writer");
    int committed = 0;
    try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(props,
        new org.apache.kafka.common.serialization.StringSerializer(),
        new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      producer.initTransactions();
      for (int t = 0; t < 30; t++) {
        producer.beginTransaction();
        for (int i = 0; i < 7; i++) {
          String id = "co" + t + "x" + i;
          dev.newsflow.schema.Company c = dev.newsflow.schema.Company.newBuilder().setId(id).setName("Company " + id).build();
          producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic.name(), id,
              topic.valueSerde().serializer().serialize(topic.name(), c)));
        }
        producer.flush();
        if (t % 3 == 1) {
          producer.abortTransaction();
        } else {
          producer.commitTransaction();
          committed += 7;
        }
      }
    }
    Process client = python("--bootstrap-servers", KafkaFixture.bootstrapServers(), "--prefix", prefix, "companies");
    Path pythonOut = workDir.resolve("python.ndjson");
    assertEquals(0, finish(client, pythonOut), read(workDir.resolve("python.ndjson.err")));
    List<JsonNode> fromPython = lines(read(pythonOut));
    List<JsonNode> fromTail = lines(run("tail", "companies", "--from-beginning", "--with-metadata", "--until-end",
        "--bootstrap-servers", KafkaFixture.bootstrapServers(), "-D", "topic.prefix=" + prefix));
    assertEquals(committed, fromTail.size(), "newsflow tail prints the committed records only");
    fromTail.sort(BY_POSITION);
    fromPython.sort(BY_POSITION);
    assertEquals(fromTail, fromPython, "the Python client prints the committed records only, as tail does");
  }

  private void pythonReadsWhatTailPrints(String prefix) throws Exception {
    // A transaction the demo left open when it stopped holds read_committed readers at its start until the
    // broker aborts it (transaction.timeout.ms): the two readers would then see the topics at different points.
    try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
        Map.of("bootstrap.servers", KafkaFixture.bootstrapServers()))) {
      Poll.until(Duration.ofMinutes(2), "no transaction still open on the broker", () -> {
        try {
          return admin.listTransactions(new org.apache.kafka.clients.admin.ListTransactionsOptions().filterStates(
              List.of(org.apache.kafka.clients.admin.TransactionState.ONGOING))).all().get();
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException("cannot list the broker's transactions", e);
        }
      }, open -> open.isEmpty());
    }
    List<String> topics = TopicContract.all().stream().map(TopicContract::topic).toList();
    List<String> args = new ArrayList<>(List.of("--bootstrap-servers", KafkaFixture.bootstrapServers(), "--prefix", prefix));
    args.addAll(topics);
    Process client = python(args.toArray(String[]::new));
    Path pythonOut = workDir.resolve("python.ndjson");
    assertEquals(0, finish(client, pythonOut), read(workDir.resolve("python.ndjson.err")));
    List<JsonNode> fromPython = lines(read(pythonOut));

    List<JsonNode> fromTail = new ArrayList<>();
    StringBuilder tailSaid = new StringBuilder();
    for (String topic : topics) {
      fromTail.addAll(lines(run(tailSaid, "tail", topic, "--from-beginning", "--with-metadata", "--until-end",
          "--bootstrap-servers", KafkaFixture.bootstrapServers(), "-D", "topic.prefix=" + prefix)));
    }
    assertTrue(fromTail.size() > 1000, "the demo filled the topics: " + fromTail.size());
    // (dlq may be empty: the demo's backfill grace keeps late records in their windows)
    for (String topic : List.of("articles.enriched", "company.summary", "company.activity", "alerts")) {
      assertTrue(fromTail.stream().anyMatch(l -> l.get("topic").asText().equals(prefix + topic)), topic + " has records");
    }
    // The readers run one after the other, and the compacted topics keep event time as CreateTime: the
    // broker rolls their segments at once and the log cleaner may remove a record superseded by a later
    // one of its key in between. Such a record may be missing on one side; any other difference fails.
    java.util.Set<String> compacted = new java.util.HashSet<>();
    dev.newsflow.topic.Topics.withPrefix(prefix).all().stream().filter(t -> t.compacted()).forEach(t -> compacted.add(t.name()));
    List<String> unexplained = new ArrayList<>();
    unexplained.addAll(notSuperseded(fromTail, fromPython, compacted, "only in tail "));
    unexplained.addAll(notSuperseded(fromPython, fromTail, compacted, "only from Python "));
    assertEquals(List.of(), unexplained, "records on one side only that compaction does not explain; tail said: "
        + tailSaid + "; Python said: " + read(workDir.resolve("python.ndjson.err")));
    Map<String, JsonNode> tailAt = new TreeMap<>();
    fromTail.forEach(l -> tailAt.put(position(l), l));
    int compared = 0;
    for (JsonNode line : fromPython) {
      JsonNode same = tailAt.get(position(line));
      if (same != null) {
        assertEquals(same, line, "record at " + position(line));
        compared++;
      }
    }
    assertTrue(compared > 1000 && compared >= fromTail.size() - 100, compared + " records compared of " + fromTail.size());

    // 4. every key has the format docs/topics.md gives
    for (JsonNode line : fromPython) {
      TopicContract contract = TopicContract.of(line.get("topic").asText().substring(prefix.length()));
      assertTrue(contract.keyPattern().matcher(line.get("key").asText()).matches(),
          contract.topic() + " key " + line.get("key") + " does not match " + contract.keyPattern());
    }
  }

  private static String position(JsonNode l) {
    return l.get("topic").asText() + "-" + l.get("partition").asInt() + "@" + l.get("offset").asLong();
  }

  /**
   * The records of {@code side} missing from {@code other} that compaction cannot explain: on a topic that
   * is not compacted, or with no later record of the same key in the same partition in {@code other}.
   */
  private static List<String> notSuperseded(List<JsonNode> side, List<JsonNode> other, java.util.Set<String> compacted,
      String label) {
    java.util.Set<String> otherPositions = new java.util.HashSet<>();
    Map<String, Long> latestOfKey = new java.util.HashMap<>();
    for (JsonNode l : other) {
      otherPositions.add(position(l));
      latestOfKey.merge(l.get("topic").asText() + "-" + l.get("partition").asInt() + "/" + l.get("key").asText(),
          l.get("offset").asLong(), Math::max);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode l : side) {
      if (otherPositions.contains(position(l))) {
        continue;
      }
      Long later = latestOfKey.get(l.get("topic").asText() + "-" + l.get("partition").asInt() + "/" + l.get("key").asText());
      if (!compacted.contains(l.get("topic").asText()) || later == null || later <= l.get("offset").asLong()) {
        out.add(label + position(l));
      }
    }
    return out;
  }

  private void runDemo(String prefix, String... extra) {
    List<String> args = new ArrayList<>(List.of("demo", "--once", "--bootstrap-servers", KafkaFixture.bootstrapServers(),
        "--data", ROOT.resolve("data/sample").toString(), "--work-dir", workDir.resolve("work").toString(),
        "-D", "topic.prefix=" + prefix, "-D", "application.id=" + prefix + "app",
        "-D", "output.dir=" + workDir.resolve("out"), "-D", "kafka.commit.interval.ms=100"));
    args.addAll(List.of(extra));
    run(args.toArray(String[]::new));
  }

  static void requirePython() throws Exception {
    Process p;
    try {
      p = new ProcessBuilder(PYTHON, "-c", "import confluent_kafka, avro.io").redirectErrorStream(true).start();
    } catch (IOException e) {
      AbsentResource.skip(PYTHON + " is not installed: apt-get install python3 python3-confluent-kafka python3-avro");
      return;
    }
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      AbsentResource.skip(PYTHON + " lacks confluent_kafka or avro (" + said.strip()
          + "): apt-get install python3-confluent-kafka python3-avro");
    }
  }

  static void requireKcat() throws Exception {
    try {
      Process p = new ProcessBuilder("kcat", "-V").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return;
      }
    } catch (IOException e) {
      // not installed: below
    }
    AbsentResource.skip("kcat is not installed: apt-get install kcat");
  }

  private Process python(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(PYTHON, ROOT.resolve("clients/python/newsflow_consumer.py").toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).start();
  }

  /** Waits (generously: the machine is shared) for a child; its output goes to {@code out} and {@code out.err}. */
  static int finish(Process p, Path out) throws Exception {
    Path err = Path.of(out + ".err");
    Thread errs = new Thread(() -> copy(p.getErrorStream(), err));
    errs.start();
    copy(p.getInputStream(), out);
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroy();
      throw new AssertionError("the client did not finish within 5 minutes");
    }
    errs.join();
    return p.exitValue();
  }

  private static void copy(java.io.InputStream in, Path to) {
    try (in) {
      Files.write(to, in.readAllBytes());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  static List<JsonNode> lines(String text) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        nodes.add(CanonicalJson.mapper().readTree(line));
      }
    }
    return nodes;
  }

  /** Runs the command line in this JVM; returns its standard output. */
  static String run(String... args) {
    return run(new StringBuilder(), args);
  }

  /** Runs the command line in this JVM; returns its standard output and adds what it said on stderr to {@code said}. */
  static String run(StringBuilder saidTo, String... args) {
    InProcess run = InProcess.run(args);
    saidTo.append(run.err());
    assertEquals(0, run.status(), run.err());
    return run.out();
  }
}
