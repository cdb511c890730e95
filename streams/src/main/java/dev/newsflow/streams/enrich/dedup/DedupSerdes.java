package dev.newsflow.streams.enrich.dedup;

import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.wire.SingleObjectCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Binary forms of dedup's internal records (repartition topics and state stores only, never read
 * outside this application). Each starts with a format byte so that a later layout can be told apart.
 *
 * <p>Hand-written rather than Smile ({@link dev.newsflow.streams.state.JsonSerde}) because a bucket is the internal
 * value written most, about 33 times an article: measured on the values a run writes, a bucket is 35 % smaller
 * than in Smile and 1.5 to 2.3 times faster to write and read ({@code InternalSerdeCost}; BENCHMARKS.md,
 * "Internal values: Smile, hand-written and Avro").
 */
public final class DedupSerdes {
  /**
   * The layout written: 1 was the first; 2 added each bucket member's original (format 1 buckets are still
   * read); 3 leaves the held article out of a decision's state (it is kept once, in its own store: a state is
   * rewritten at each bucket's answer), and states of format 1 and 2 are still read, their article with them;
   * 4 adds a probe's story marks and a decision's story match (probes and states of formats 1-3 are read with
   * none); 5 adds a probe batch's lookups (batches of format 2-4 are read with none).
   */
  private static final byte FORMAT = 5;
  private static final SingleObjectCodec<EnrichedArticle> ARTICLES = new SingleObjectCodec<>(EnrichedArticle.class);

  public static final Serde<Probe> PROBE = serde(DedupSerdes::writeProbe, DedupSerdes::readProbe);
  public static final Serde<ProbeBatch> PROBES = serde(DedupSerdes::writeBatch, DedupSerdes::readBatch);
  public static final Serde<Bucket> BUCKET = serde(DedupSerdes::writeBucket, DedupSerdes::readBucket);
  public static final Serde<DedupMessage> MESSAGE = serde(DedupSerdes::writeMessage, DedupSerdes::readMessage);
  public static final Serde<DedupState> STATE = serde(DedupSerdes::writeState, DedupSerdes::readState);
  /** An enriched article held while its buckets answer (and kept for a later correction). */
  public static final Serde<EnrichedArticle> HELD = serde(DedupSerdes::writeArticle, DedupSerdes::readArticle);

  private DedupSerdes() {}

  private interface Writer<T> {
    void write(DataOutputStream out, T value) throws IOException;
  }

  private interface Reader<T> {
    T read(DataInputStream in, byte format) throws IOException;
  }

  private static <T> Serde<T> serde(Writer<T> writer, Reader<T> reader) {
    return Serdes.serdeFrom((topic, value) -> {
      if (value == null) {
        return null;
      }
      Bytes bytes = new Bytes(256);
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeByte(FORMAT);
        writer.write(out, value);
      } catch (IOException e) {
        throw new SerializationException(e);
      }
      return bytes.toByteArray();
    }, (topic, data) -> {
      if (data == null) {
        return null;
      }
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
        byte format = in.readByte();
        if (format < 1 || format > FORMAT) {
          throw new SerializationException("unknown dedup record format " + format);
        }
        return reader.read(in, format);
      } catch (IOException e) {
        throw new SerializationException("unreadable dedup record", e);
      }
    });
  }

  /** A byte array stream without the lock on every byte that {@link ByteArrayOutputStream#write(int)} takes. */
  private static final class Bytes extends ByteArrayOutputStream {
    Bytes(int size) {
      super(size);
    }

    @Override
    public void write(int b) {
      if (count == buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      buf[count++] = (byte) b;
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      out.writeUTF(s);
    }
  }

  private static String readString(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  static void writeProbe(DataOutputStream out, Probe p) throws IOException {
    out.writeUTF(p.articleId());
    out.writeUTF(p.version());
    out.writeLong(p.order());
    out.writeInt(p.probes());
    writeString(out, p.canonicalUrl());
    out.writeLong(p.contentHash());
    out.writeLong(p.titleHash());
    out.writeShort(p.signature().length);
    // In one write: DataOutputStream writes an int byte by byte, and a bucket holds thousands of them.
    ByteBuffer signature = ByteBuffer.allocate(p.signature().length * Integer.BYTES);
    signature.asIntBuffer().put(p.signature());
    out.write(signature.array());
    writeLongs(out, p.story().companies());
    writeLongs(out, p.story().tokens());
  }

  static Probe readProbe(DataInputStream in, byte format) throws IOException {
    String id = in.readUTF();
    String version = in.readUTF();
    long order = in.readLong();
    int probes = in.readInt();
    String url = readString(in);
    long content = in.readLong();
    long title = in.readLong();
    int[] signature = new int[in.readShort()];
    byte[] packed = new byte[signature.length * Integer.BYTES];
    in.readFully(packed);
    ByteBuffer.wrap(packed).asIntBuffer().get(signature);
    StoryMarks story = StoryMarks.NONE;
    if (format >= 4) {
      long[] companies = readLongs(in);
      long[] tokens = readLongs(in);
      story = tokens.length == 0 ? StoryMarks.NONE : new StoryMarks(companies, tokens);
    }
    return new Probe(id, version, order, probes, url, content, title, signature, story);
  }

  private static void writeLongs(DataOutputStream out, long[] values) throws IOException {
    out.writeShort(values.length);
    for (long v : values) {
      out.writeLong(v);
    }
  }

  private static long[] readLongs(DataInputStream in) throws IOException {
    long[] values = new long[in.readShort()];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readLong();
    }
    return values;
  }

  static void writeBatch(DataOutputStream out, ProbeBatch b) throws IOException {
    out.writeShort(b.group());
    writeProbe(out, b.probe());
    writeKeys(out, b.keys());
    writeKeys(out, b.lookups());
  }

  private static void writeKeys(DataOutputStream out, List<String> keys) throws IOException {
    out.writeShort(keys.size());
    for (String key : keys) {
      out.writeUTF(key);
    }
  }

  private static List<String> readKeys(DataInputStream in) throws IOException {
    int n = in.readShort();
    List<String> keys = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      keys.add(in.readUTF());
    }
    return keys;
  }

  static ProbeBatch readBatch(DataInputStream in, byte format) throws IOException {
    if (format < 2) {
      // Format 1 sent one key per record, in the record key; a batch never had that layout.
      throw new SerializationException("a dedup probe of format " + format + " (one bucket key per record, from "
          + "before batches): let dedup-probes-by-bucket drain before upgrading");
    }
    int group = in.readShort();
    Probe probe = readProbe(in, format);
    List<String> keys = readKeys(in);
    return new ProbeBatch(group, probe, keys, format >= 5 ? readKeys(in) : List.of());
  }

  static void writeBucket(DataOutputStream out, Bucket b) throws IOException {
    out.writeShort(b.entries().size());
    for (Bucket.Entry e : b.entries()) {
      writeProbe(out, e.probe());
      writeString(out, e.originalId());
      out.writeLong(e.originalOrder());
    }
  }

  static Bucket readBucket(DataInputStream in, byte format) throws IOException {
    int n = in.readShort();
    List<Bucket.Entry> entries = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Probe p = readProbe(in, format);
      // Format 1 kept members in arrival order and no originals: sort them, and let every member be
      // corrected again (the article's side drops a correction that changes nothing).
      entries.add(format == 1 ? new Bucket.Entry(p, null, 0) : new Bucket.Entry(p, readString(in), in.readLong()));
    }
    if (format == 1) {
      entries.sort((a, b) -> a.probe().precedes(b.probe()) ? -1 : b.probe().precedes(a.probe()) ? 1 : 0);
    }
    return new Bucket(entries);
  }

  static void writeVerdict(DataOutputStream out, Verdict v) throws IOException {
    out.writeBoolean(v != null);
    if (v == null) {
      return;
    }
    out.writeUTF(v.articleId());
    out.writeUTF(v.version());
    out.writeBoolean(v.correction());
    writeString(out, v.originalId());
    out.writeLong(v.originalOrder());
    writeString(out, v.rule());
    out.writeDouble(v.similarity());
  }

  static Verdict readVerdict(DataInputStream in, byte format) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    return new Verdict(in.readUTF(), in.readUTF(), in.readBoolean(), readString(in), in.readLong(), readString(in),
        in.readDouble());
  }

  private static void writeArticle(DataOutputStream out, EnrichedArticle a) throws IOException {
    out.writeBoolean(a != null);
    if (a != null) {
      byte[] bytes = ARTICLES.encode(a);
      out.writeInt(bytes.length);
      out.write(bytes);
    }
  }

  private static EnrichedArticle readArticle(DataInputStream in, byte format) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return ARTICLES.decode(bytes);
  }

  static void writeMessage(DataOutputStream out, DedupMessage m) throws IOException {
    writeArticle(out, m.article());
    out.writeUTF(m.version());
    out.writeInt(m.probes());
    writeVerdict(out, m.verdict());
  }

  static DedupMessage readMessage(DataInputStream in, byte format) throws IOException {
    return new DedupMessage(readArticle(in, format), in.readUTF(), in.readInt(), readVerdict(in, format));
  }

  static void writeState(DataOutputStream out, DedupState s) throws IOException {
    writeString(out, s.version);
    out.writeInt(s.expected);
    out.writeInt(s.received);
    writeVerdict(out, s.best);
    out.writeBoolean(s.emitted);
    out.writeShort(s.early.size());
    for (Verdict v : s.early) {
      writeVerdict(out, v);
    }
    writeVerdict(out, s.story);
  }

  static DedupState readState(DataInputStream in, byte format) throws IOException {
    DedupState s = new DedupState();
    s.version = readString(in);
    if (format < 3) {
      s.article = readArticle(in, format);
      s.articleInState = s.article != null;
    }
    s.expected = in.readInt();
    s.received = in.readInt();
    s.best = readVerdict(in, format);
    s.emitted = in.readBoolean();
    int n = in.readShort();
    for (int i = 0; i < n; i++) {
      s.early.add(readVerdict(in, format));
    }
    if (format >= 4) {
      s.story = readVerdict(in, format);
    }
    return s;
  }
}
