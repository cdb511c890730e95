package dev.newsflow.bench.cost;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the whole topology writes, as one digest a topic: the bench's articles run through it as in
 * {@link TopologyCost}, then every record of every topic it wrote (outputs, repartitions, changelogs: key, value,
 * timestamp and headers, in order) is hashed. Two builds that print the same lines wrote the same bytes, which is
 * how a change meant to alter only the cost is shown to alter nothing else.
 *
 * <p>{@code java -cp ... dev.newsflow.bench.cost.TopologyDigest [articles] [rate] [key=value...]}
 */
public final class TopologyDigest {
  private TopologyDigest() {}

  public static void main(String[] args) throws IOException {
    int articles = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    double rate = args.length > 1 ? Double.parseDouble(args[1]) : 500;
    List<String> settings = List.of(args).subList(Math.min(2, args.length), args.length);
    TopologyCost.withTopology(rate, settings, fed -> {
      fed.send(0, articles);
      MessageDigest all = sha256();
      long records = 0;
      for (String topic : new TreeSet<>(fed.driver().producedTopicNames())) {
        MessageDigest digest = sha256();
        long count = 0;
        var out = fed.driver().createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        for (var r : out.readRecordsToList()) {
          update(digest, r.key());
          update(digest, r.value());
          digest.update(ByteBuffer.allocate(Long.BYTES).putLong(r.timestamp()).array());
          for (Header h : r.headers()) {
            update(digest, h.key().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            update(digest, h.value());
          }
          count++;
        }
        byte[] hash = digest.digest();
        all.update(hash);
        records += count;
        System.out.printf("%s %8d %s%n", HexFormat.of().formatHex(hash, 0, 8), count, topic);
      }
      System.out.printf("%s %8d all topics, %d articles%n", HexFormat.of().formatHex(all.digest(), 0, 8), records,
          articles);
    });
  }

  /** A length, then the bytes: so that two fields cannot run into each other. */
  private static void update(MessageDigest digest, byte[] bytes) {
    digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes == null ? -1 : bytes.length).array());
    if (bytes != null) {
      digest.update(bytes);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
