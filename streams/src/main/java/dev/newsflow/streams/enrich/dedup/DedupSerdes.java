package dev.newsflow.streams.enrich.dedup;

import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.wire.SingleObjectCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Binary forms of dedup's internal records (repartition topics and state stores only, never read
 * outside this application). Each starts with a format byte so that a later layout can be told apart.
 */
public final class DedupSerdes {
  private static final byte FORMAT = 1;
  private static final SingleObjectCodec<EnrichedArticle> ARTICLES = new SingleObjectCodec<>(EnrichedArticle.class);

  public static final Serde<Probe> PROBE = serde(DedupSerdes::writeProbe, DedupSerdes::readProbe);
  public static final Serde<Bucket> BUCKET = serde(DedupSerdes::writeBucket, DedupSerdes::readBucket);
  public static final Serde<DedupMessage> MESSAGE = serde(DedupSerdes::writeMessage, DedupSerdes::readMessage);
  public static final Serde<DedupState> STATE = serde(DedupSerdes::writeState, DedupSerdes::readState);

  private DedupSerdes() {}

  private interface Writer<T> {
    void write(DataOutputStream out, T value) throws IOException;
  }

  private interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  private static <T> Serde<T> serde(Writer<T> writer, Reader<T> reader) {
    return Serdes.serdeFrom((topic, value) -> {
      if (value == null) {
        return null;
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
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
        if (format != FORMAT) {
          throw new SerializationException("unknown dedup record format " + format);
        }
        return reader.read(in);
      } catch (IOException e) {
        throw new SerializationException("unreadable dedup record", e);
      }
    });
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
    for (int v : p.signature()) {
      out.writeInt(v);
    }
  }

  static Probe readProbe(DataInputStream in) throws IOException {
    String id = in.readUTF();
    String version = in.readUTF();
    long order = in.readLong();
    int probes = in.readInt();
    String url = readString(in);
    long content = in.readLong();
    long title = in.readLong();
    int[] signature = new int[in.readShort()];
    for (int i = 0; i < signature.length; i++) {
      signature[i] = in.readInt();
    }
    return new Probe(id, version, order, probes, url, content, title, signature);
  }

  static void writeBucket(DataOutputStream out, Bucket b) throws IOException {
    out.writeShort(b.entries().size());
    for (Probe p : b.entries()) {
      writeProbe(out, p);
    }
  }

  static Bucket readBucket(DataInputStream in) throws IOException {
    int n = in.readShort();
    List<Probe> entries = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      entries.add(readProbe(in));
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

  static Verdict readVerdict(DataInputStream in) throws IOException {
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

  private static EnrichedArticle readArticle(DataInputStream in) throws IOException {
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

  static DedupMessage readMessage(DataInputStream in) throws IOException {
    return new DedupMessage(readArticle(in), in.readUTF(), in.readInt(), readVerdict(in));
  }

  static void writeState(DataOutputStream out, DedupState s) throws IOException {
    writeString(out, s.version);
    writeArticle(out, s.article);
    out.writeInt(s.expected);
    out.writeInt(s.received);
    writeVerdict(out, s.best);
    out.writeBoolean(s.emitted);
    out.writeShort(s.early.size());
    for (Verdict v : s.early) {
      writeVerdict(out, v);
    }
  }

  static DedupState readState(DataInputStream in) throws IOException {
    DedupState s = new DedupState();
    s.version = readString(in);
    s.article = readArticle(in);
    s.expected = in.readInt();
    s.received = in.readInt();
    s.best = readVerdict(in);
    s.emitted = in.readBoolean();
    int n = in.readShort();
    for (int i = 0; i < n; i++) {
      s.early.add(readVerdict(in));
    }
    return s;
  }
}
