package dev.newsflow.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks a bootstrap address, before any Kafka client does, whether it answers as a Kafka broker: one ApiVersions
 * request (version 0, in plaintext), whose answer must carry its correlation id. Kafka's clients take the first
 * four bytes of any answer as its size, so a PostgreSQL server's error ({@code E...}: over a gigabyte) makes the
 * admin client run out of memory and print its stack trace before the wait for the cluster ends. Only a wrong
 * answer is decisive: an address that refuses, stays silent (Redis does) or closes is left to the clients' timeout.
 */
final class KafkaListenerProbe {
  private static final short API_VERSIONS = 18;
  private static final int CORRELATION_ID = 0x6e66; // "nf"
  /** Far above any ApiVersions answer (a few hundred bytes), far below what a misread text would claim. */
  private static final int MAX_ANSWER_BYTES = 1 << 20;
  /** A broker answers ApiVersions at once; silence is left to the clients, so waiting long for it would only add. */
  private static final Duration LONGEST_WAIT = Duration.ofSeconds(2);

  private KafkaListenerProbe() {}

  /** What is wrong with the answer of {@code host:port}, when it answered and not as Kafka does; else empty. */
  static Optional<String> notKafka(String host, int port, Duration timeout) {
    int waitMs = (int) Math.max(1, Math.min(timeout.toMillis(), LONGEST_WAIT.toMillis()));
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), waitMs);
      socket.setSoTimeout(waitMs);
      socket.getOutputStream().write(apiVersionsRequest());
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      byte[] head = new byte[8];
      int read = 0;
      while (read < head.length) {
        int n = in.read(head, read, head.length - read);
        if (n < 0) {
          break;
        }
        read += n;
      }
      if (read == 0) {
        return Optional.empty();
      }
      ByteBuffer answer = ByteBuffer.wrap(head, 0, read);
      boolean kafka = read == head.length && answer.getInt(0) > 4 && answer.getInt(0) <= MAX_ANSWER_BYTES
          && answer.getInt(4) == CORRELATION_ID;
      return kafka ? Optional.empty() : Optional.of("its answer begins " + describe(head, read));
    } catch (IOException e) {
      return Optional.empty(); // refused, unreachable or silent: the clients' wait says so
    }
  }

  private static byte[] apiVersionsRequest() {
    byte[] clientId = "newsflow-probe".getBytes(StandardCharsets.UTF_8);
    int size = 2 + 2 + 4 + 2 + clientId.length;
    return ByteBuffer.allocate(4 + size).putInt(size).putShort(API_VERSIONS).putShort((short) 0)
        .putInt(CORRELATION_ID).putShort((short) clientId.length).put(clientId).array();
  }

  /** The bytes in hex, then as text where they are printable: {@code 45 00 00 00 ('E...')}. */
  private static String describe(byte[] bytes, int length) {
    StringBuilder hex = new StringBuilder();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int b = bytes[i] & 0xff;
      hex.append(i == 0 ? "" : " ").append(String.format("%02X", b));
      text.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
    }
    return hex + " ('" + text + "')";
  }
}
