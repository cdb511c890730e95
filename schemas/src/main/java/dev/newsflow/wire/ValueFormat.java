package dev.newsflow.wire;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * How an output topic's values are written ({@code output.format}): Avro single-object encoding, or
 * newsflow's canonical JSON for tools that read plain JSON (Kafka Connect's JsonConverter with
 * {@code schemas.enable=false}, ksqlDB {@code VALUE_FORMAT='JSON'}, Flink SQL's {@code json} format).
 * Each record says which in its {@value #HEADER} header; readers go by the header and, for records
 * without one, by the first bytes.
 */
public enum ValueFormat {
  AVRO("application/vnd.apache.avro.single-object"),
  JSON("application/json");

  /** The record header that names the format. */
  public static final String HEADER = "content-type";

  private final String contentType;

  ValueFormat(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  /** {@code avro} or {@code json}, as configured. */
  public static ValueFormat parse(String text) {
    for (ValueFormat f : values()) {
      if (f.name().equalsIgnoreCase(text.trim())) {
        return f;
      }
    }
    throw new IllegalArgumentException("must be avro or json, got '" + text + "'");
  }

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The format of a stored value: its {@value #HEADER} header if it has one, else Avro when it starts
   * with the single-object marker {@code C3 01}, JSON when it starts with {@code {}, else Avro (whose
   * decoder then says what is wrong).
   */
  public static ValueFormat of(Headers headers, byte[] value) {
    Header header = headers == null ? null : headers.lastHeader(HEADER);
    if (header != null && header.value() != null) {
      String type = new String(header.value(), StandardCharsets.UTF_8);
      if (type.startsWith(JSON.contentType)) {
        return JSON;
      }
      if (type.startsWith(AVRO.contentType)) {
        return AVRO;
      }
    }
    if (value.length >= 2 && value[0] == (byte) 0xC3 && value[1] == 0x01) {
      return AVRO;
    }
    int i = 0;
    while (i < value.length && Character.isWhitespace(value[i])) {
      i++;
    }
    return i < value.length && value[i] == '{' ? JSON : AVRO;
  }
}
