package dev.newsflow.bench.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import dev.newsflow.streams.aggregate.Contribution;
import dev.newsflow.streams.aggregate.digest.DigestBook;
import dev.newsflow.streams.aggregate.digest.DigestReport;
import dev.newsflow.streams.aggregate.profile.CompanyProfiles;
import dev.newsflow.streams.aggregate.profile.CompanyState;
import dev.newsflow.streams.enrich.dedup.Bucket;
import dev.newsflow.streams.enrich.dedup.DedupSerdes;
import dev.newsflow.streams.enrich.dedup.DedupState;
import dev.newsflow.streams.enrich.dedup.ProbeBatch;
import dev.newsflow.streams.event.CompanyEvent;
import dev.newsflow.streams.state.JsonSerde;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.reflect.ReflectData;
import org.apache.avro.reflect.ReflectDatumReader;
import org.apache.avro.reflect.ReflectDatumWriter;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * What the streams application's internal values would cost in Avro, against the serdes they have: the values
 * a run of the whole topology wrote to its internal topics (changelogs, repartitions), each read back with its
 * own serde, then written and read again by that serde and by Avro's reflection-based datum writer and reader
 * (the schema derived from the Java type, {@link ReflectData.AllowNull}: the cheapest way to Avro for types
 * that are the application's own Java classes; a generated class per type would add a mapping both ways).
 * Prints, per type: the values measured, the mean bytes a value, and the nanoseconds to write and to read one
 * (the median of several rounds, the codecs alternating within each round, so the machine's load falls on both);
 * and whether every value read back from Avro is the value written.
 *
 * <p>{@code java -cp ... dev.newsflow.bench.cost.InternalSerdeCost [articles] [rounds]}
 */
public final class InternalSerdeCost {
  private static final ObjectMapper SMILE_TREE = new ObjectMapper(new SmileFactory());

  private InternalSerdeCost() {}

  /** An internal type, the topic whose values show it, and the serde it is written with today. */
  record Kind<T>(String topicSuffix, Class<T> type, Serde<T> serde, String serdeName) {}

  /** Each article's filing per partition; the buckets derived from them are not logged (read from their store). */
  private static final Kind<ProbeBatch> FILINGS =
      new Kind<>("dedup-filings-changelog", ProbeBatch.class, DedupSerdes.PROBES, "hand-written");
  private static final Kind<ProbeBatch> PROBES =
      new Kind<>("dedup-probes-by-bucket-repartition", ProbeBatch.class, DedupSerdes.PROBES, "hand-written");

  static List<Kind<?>> kinds() {
    return List.of(
        new Kind<>("company-profiles-changelog", CompanyState.class, JsonSerde.of(CompanyState.class), "Smile"),
        new Kind<>("article-changes-by-company-repartition", CompanyEvent.class, JsonSerde.of(CompanyEvent.class),
            "Smile"),
        new Kind<>("article-contributions-changelog", Contribution.class,
            JsonSerde.of(Contribution.class), "Smile"),
        new Kind<>("company-digest-main-changelog", DigestBook.MainStories.class,
            JsonSerde.of(DigestBook.MainStories.class), "Smile"),
        new Kind<>("company-digest-reports-changelog", DigestReport.class, JsonSerde.of(DigestReport.class), "Smile"),
        new Kind<>("company-article-texts-changelog", CompanyProfiles.TextEntry.class,
            JsonSerde.of(CompanyProfiles.TextEntry.class), "Smile"),
        FILINGS,
        PROBES,
        new Kind<>("dedup-decisions-changelog", DedupState.class, DedupSerdes.STATE, "hand-written"));
  }

  public static void main(String[] args) throws IOException {
    // Avro reads only classes it is told to trust: here the application's own and the JDK's collections.
    ClassSecurityValidator.ClassSecurityPredicate trusted = ClassSecurityValidator.getGlobal();
    ClassSecurityValidator.setGlobal(c -> c.getName().startsWith("dev.newsflow.") || c.getName().startsWith("java.util.")
        || trusted.isTrusted(c));
    int articles = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
    List<Measured> rows = new ArrayList<>();
    List<String> smileRows = new ArrayList<>();
    TopologyCost.withTopology(500, List.of(), fed -> {
      fed.send(0, articles);
      for (Kind<?> kind : kinds()) {
        rows.add(measure(fed, kind, rounds));
      }
      smileRows.add(againstSmile(buckets(fed), DedupSerdes.BUCKET, Bucket.Entry[].class,
          b -> b.entries().toArray(Bucket.Entry[]::new), entries -> new Bucket(List.of(entries)), rounds));
      smileRows.add(againstSmile(written(fed, PROBES), DedupSerdes.PROBES, ProbeBatch.class, b -> b, b -> b, rounds));
    });
    System.out.printf("%d articles through the topology; values written to each internal topic, read back with "
        + "today's serde, then written and read %d rounds (the first two discarded)%n", articles, rounds);
    System.out.println("| type (topic) | values | today's serde | bytes | write ns | read ns | Avro bytes "
        + "| Avro write ns | Avro read ns | Avro form that reads back every value |");
    System.out.println("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    rows.forEach(r -> System.out.println(r.row()));
    System.out.println();
    System.out.println("The hand-written forms against Smile (JsonSerde) for the same values:");
    System.out.println("| type | values | hand-written bytes | write ns | read ns | Smile bytes | Smile write ns "
        + "| Smile read ns | Smile reads back the same value |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    smileRows.forEach(System.out::println);
  }

  /**
   * A hand-written form against Smile for the same values; {@code view} turns a value into a type Jackson can
   * write and read (a bucket as the array of its entries), {@code back} turns it into the value again.
   */
  private static <T, V> String againstSmile(List<T> values, Serde<T> handWritten, Class<V> viewType,
      java.util.function.Function<T, V> view, java.util.function.Function<V, T> back, int rounds) {
    JsonSerde<V> smile = JsonSerde.of(viewType);
    String topic = "t";
    List<V> views = values.stream().map(view).toList();
    List<byte[]> hand = values.stream().map(v -> handWritten.serializer().serialize(topic, v)).toList();
    List<byte[]> smiled = views.stream().map(v -> smile.serializer().serialize(topic, v)).toList();
    boolean same = true;
    for (int i = 0; i < values.size() && same; i++) {
      T again = back.apply(smile.deserializer().deserialize(topic, smiled.get(i)));
      same = Arrays.equals(hand.get(i), handWritten.serializer().serialize(topic, again));
    }
    double[][] t = new double[4][rounds];
    for (int round = 0; round < rounds; round++) {
      t[0][round] = perValue(values.size(), () -> values.forEach(v -> handWritten.serializer().serialize(topic, v)));
      t[1][round] = perValue(values.size(), () -> hand.forEach(b -> handWritten.deserializer().deserialize(topic, b)));
      t[2][round] = perValue(values.size(), () -> views.forEach(v -> smile.serializer().serialize(topic, v)));
      t[3][round] = perValue(values.size(), () -> smiled.forEach(b -> smile.deserializer().deserialize(topic, b)));
    }
    return String.format("| `%s` | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %s |",
        values.isEmpty() ? "?" : values.get(0).getClass().getSimpleName(), values.size(), mean(hand), median(t[0]),
        median(t[1]), mean(smiled), median(t[2]), median(t[3]), same ? "yes" : "no");
  }

  /** The values read from each topic so far: a driver's output topic can be read once. */
  private static final java.util.Map<String, List<?>> READ = new java.util.HashMap<>();

  @SuppressWarnings("unchecked")
  private static <T> List<T> written(TopologyCost.Fed fed, Kind<T> kind) {
    return (List<T>) READ.computeIfAbsent(kind.topicSuffix(), t -> readWritten(fed, kind));
  }

  /** The dedup buckets as their store holds them (not logged: no topic carries them). */
  private static List<Bucket> buckets(TopologyCost.Fed fed) {
    List<Bucket> out = new ArrayList<>();
    try (var all = fed.driver().<String, Bucket>getKeyValueStore("dedup-bucket-index").all()) {
      all.forEachRemaining(kv -> out.add(kv.value));
    }
    return out;
  }

  private static <T> List<T> readWritten(TopologyCost.Fed fed, Kind<T> kind) {
    String topic = fed.driver().producedTopicNames().stream().filter(t -> t.endsWith(kind.topicSuffix())).findFirst()
        .orElseThrow(() -> new IllegalStateException("no topic ends with " + kind.topicSuffix()));
    var out = fed.driver().createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<T> values = new ArrayList<>();
    for (var r : out.readRecordsToList()) {
      if (r.value() != null) {
        values.add(kind.serde().deserializer().deserialize(topic, r.value()));
      }
    }
    return values;
  }

  record Measured(Kind<?> kind, int values, double bytes, double writeNs, double readNs, String avro) {
    String row() {
      return String.format("| `%s` (`%s`) | %d | %s | %.0f | %.0f | %.0f | %s |", kind.type().getSimpleName(),
          kind.topicSuffix(), values, kind.serdeName(), bytes, writeNs, readNs, avro);
    }
  }

  private static <T> Measured measure(TopologyCost.Fed fed, Kind<T> kind, int rounds) {
    List<T> values = written(fed, kind);
    Serde<T> serde = kind.serde();
    String topic = kind.topicSuffix();
    AvroForm<T> avro = null;
    List<String> failures = new ArrayList<>();
    for (Supplier<AvroForm<T>> candidate : AvroForm.candidates(kind.type())) {
      try {
        AvroForm<T> form = candidate.get();
        for (T v : values) {
          if (!sameValue(serde, topic, v, form.read(form.write(v)))) {
            throw new IllegalStateException("a value read back differs from the value written");
          }
        }
        avro = form;
        break;
      } catch (RuntimeException e) {
        failures.add(e.getClass().getSimpleName() + ": " + abbreviated(e.getMessage()));
      }
    }
    List<byte[]> encoded = values.stream().map(v -> serde.serializer().serialize(topic, v)).toList();
    List<byte[]> avroEncoded = avro == null ? List.of() : values.stream().map(avro::write).toList();
    double[] write = new double[rounds];
    double[] read = new double[rounds];
    double[] avroWrite = new double[rounds];
    double[] avroRead = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      write[round] = perValue(values.size(), () -> values.forEach(v -> serde.serializer().serialize(topic, v)));
      read[round] = perValue(values.size(), () -> encoded.forEach(b -> serde.deserializer().deserialize(topic, b)));
      if (avro != null) {
        AvroForm<T> a = avro;
        avroWrite[round] = perValue(values.size(), () -> values.forEach(a::write));
        avroRead[round] = perValue(values.size(), () -> avroEncoded.forEach(a::read));
      }
    }
    String avroColumns = avro == null
        ? "– | – | – | none: " + String.join("; ", failures)
        : String.format("%.0f | %.0f | %.0f | %s", mean(avroEncoded), median(avroWrite), median(avroRead), avro.name());
    return new Measured(kind, values.size(), mean(encoded), median(write), median(read), avroColumns);
  }

  /** Whether {@code back} holds the same data as {@code v}: their forms under today's serde, as trees, are equal. */
  private static <T> boolean sameValue(Serde<T> serde, String topic, T v, T back) {
    byte[] a = serde.serializer().serialize(topic, v);
    byte[] b = serde.serializer().serialize(topic, back);
    if (Arrays.equals(a, b)) {
      return true;
    }
    try {
      JsonNode x = SMILE_TREE.readTree(a);
      JsonNode y = SMILE_TREE.readTree(b);
      return x.equals(y);
    } catch (IOException e) {
      return false; // not Smile (a hand-written form): the bytes had to be equal
    }
  }

  private static String abbreviated(String message) {
    String first = String.valueOf(message).lines().findFirst().orElse("");
    return first.length() > 160 ? first.substring(0, 160) + "…" : first;
  }

  private static double perValue(int n, Runnable work) {
    long t0 = System.nanoTime();
    work.run();
    return (System.nanoTime() - t0) / (double) Math.max(1, n);
  }

  private static double mean(List<byte[]> encoded) {
    return encoded.stream().mapToInt(b -> b.length).average().orElse(0);
  }

  /** The median of the rounds after the first two (warm-up). */
  private static double median(double[] rounds) {
    double[] kept = Arrays.copyOfRange(rounds, Math.min(2, rounds.length - 1), rounds.length);
    Arrays.sort(kept);
    return kept[kept.length / 2];
  }

  /** A Java type in Avro's binary form: written to bytes and read back. */
  abstract static class AvroForm<T> {
    private final Schema schema;
    private BinaryEncoder encoder;
    private BinaryDecoder decoder;

    AvroForm(Schema schema) {
      this.schema = schema;
    }

    /**
     * The ways tried, in order: Avro's reflection with nullable fields ({@link ReflectData.AllowNull}), its plain
     * reflection, and, for a Java record of plain fields, a generic record mapped from the record's components
     * (the schema and a mapping each way that a real move to Avro would write by hand or generate for each type).
     */
    static <T> List<Supplier<AvroForm<T>>> candidates(Class<T> type) {
      return List.of(() -> new Reflected<>(type, ReflectData.AllowNull.get(), "reflection, nullable fields"),
          () -> new Reflected<>(type, ReflectData.get(), "reflection"), () -> new Mapped<>(type));
    }

    abstract String name();

    abstract void write(T value, BinaryEncoder out) throws IOException;

    abstract T read(BinaryDecoder in) throws IOException;

    final Schema schema() {
      return schema;
    }

    final byte[] write(T value) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      encoder = EncoderFactory.get().binaryEncoder(out, encoder);
      try {
        write(value, encoder);
        encoder.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    }

    final T read(byte[] bytes) {
      decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
      try {
        return read(decoder);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Avro's reflection: the schema derived from the type's fields. */
  static final class Reflected<T> extends AvroForm<T> {
    private final ReflectDatumWriter<T> writer;
    private final ReflectDatumReader<T> reader;
    private final String name;

    Reflected(Class<T> type, ReflectData data, String name) {
      super(data.getSchema(type));
      this.writer = new ReflectDatumWriter<>(schema(), data);
      this.reader = new ReflectDatumReader<>(schema(), schema(), data);
      this.name = name;
    }

    @Override
    String name() {
      return name;
    }

    @Override
    void write(T value, BinaryEncoder out) throws IOException {
      writer.write(value, out);
    }

    @Override
    T read(BinaryDecoder in) throws IOException {
      return reader.read(null, in);
    }
  }

  /** A Java record of strings, numbers and booleans as an Avro record of the same fields, in component order. */
  static final class Mapped<T> extends AvroForm<T> {
    private final RecordComponent[] components;
    private final Constructor<T> constructor;
    private final GenericDatumWriter<GenericRecord> writer;
    private final GenericDatumReader<GenericRecord> reader;

    Mapped(Class<T> type) {
      super(schemaOf(type));
      this.components = type.getRecordComponents();
      try {
        this.constructor = type.getDeclaredConstructor(
            Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(e);
      }
      this.writer = new GenericDatumWriter<>(schema());
      this.reader = new GenericDatumReader<>(schema());
    }

    private static Schema schemaOf(Class<?> type) {
      if (!type.isRecord()) {
        throw new IllegalArgumentException(type.getSimpleName() + " is not a Java record");
      }
      List<Schema.Field> fields = new ArrayList<>();
      for (RecordComponent c : type.getRecordComponents()) {
        Schema plain = switch (c.getType().getName()) {
          case "java.lang.String" -> Schema.create(Schema.Type.STRING);
          case "long", "java.lang.Long" -> Schema.create(Schema.Type.LONG);
          case "int", "java.lang.Integer" -> Schema.create(Schema.Type.INT);
          case "boolean", "java.lang.Boolean" -> Schema.create(Schema.Type.BOOLEAN);
          case "double", "java.lang.Double" -> Schema.create(Schema.Type.DOUBLE);
          default -> throw new IllegalArgumentException(type.getSimpleName() + "." + c.getName() + " is a "
              + c.getType().getSimpleName() + ": a nested type needs a mapping of its own");
        };
        Schema field = c.getType().isPrimitive() ? plain
            : Schema.createUnion(Schema.create(Schema.Type.NULL), plain);
        fields.add(new Schema.Field(c.getName(), field));
      }
      return Schema.createRecord(type.getSimpleName(), null, "dev.newsflow.bench.avro", false, fields);
    }

    @Override
    String name() {
      return "generic record mapped from the Java record";
    }

    @Override
    void write(T value, BinaryEncoder out) throws IOException {
      GenericData.Record record = new GenericData.Record(schema());
      try {
        for (int i = 0; i < components.length; i++) {
          record.put(i, components[i].getAccessor().invoke(value));
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      writer.write(record, out);
    }

    @Override
    T read(BinaryDecoder in) throws IOException {
      GenericRecord record = reader.read(null, in);
      Object[] args = new Object[components.length];
      for (int i = 0; i < args.length; i++) {
        Object v = record.get(i);
        args[i] = v instanceof CharSequence text ? text.toString() : v;
      }
      try {
        return constructor.newInstance(args);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
