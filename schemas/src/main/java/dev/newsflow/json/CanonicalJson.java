package dev.newsflow.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.newsflow.wire.AvroSafety;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The one JSON form of every newsflow record, used by files, the command line, HTTP and webhooks:
 * camelCase fields in schema order, absent optional fields left out, timestamps as ISO-8601 UTC
 * instants, bytes as base64. Reading is driven by the Avro schema and reports every wrong field at
 * once; unknown fields are ignored so that newer writers stay readable.
 */
public final class CanonicalJson {
  static {
    AvroSafety.install();
  }

  /** Longest JSON document newsflow parses: larger input is rejected before it is read into memory. */
  public static final int MAX_DOCUMENT_CHARS = 8 * 1024 * 1024;

  private static final ObjectMapper MAPPER = createMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Fields that must hold text, not just be present: identity and display names. */
  private static final Set<String> NON_BLANK =
      Set.of("id", "companyId", "articleId", "ruleId", "title", "name", "product", "company");

  private CanonicalJson() {}

  private static ObjectMapper createMapper() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxStringLength(MAX_DOCUMENT_CHARS)
        .maxNestingDepth(64)
        .maxNumberLength(64)
        .build());
    return mapper;
  }

  /** The shared mapper, configured with newsflow's input limits. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  // ---------------------------------------------------------------- writing

  public static ObjectNode toTree(SpecificRecord record) {
    return (ObjectNode) write(record, record.getSchema());
  }

  /** One line of canonical JSON, no trailing newline. */
  public static String write(SpecificRecord record) {
    try {
      return MAPPER.writeValueAsString(toTree(record));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Indented canonical JSON, for files people read. */
  public static String writePretty(SpecificRecord record) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toTree(record));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode write(Object value, Schema schema) {
    if (value == null) {
      return NODES.nullNode();
    }
    switch (schema.getType()) {
      case UNION: {
        for (Schema branch : schema.getTypes()) {
          if (branch.getType() != Schema.Type.NULL) {
            return write(value, branch);
          }
        }
        return NODES.nullNode();
      }
      case RECORD: {
        SpecificRecord record = (SpecificRecord) value;
        ObjectNode node = NODES.objectNode();
        for (Schema.Field field : schema.getFields()) {
          Object fieldValue = record.get(field.pos());
          if (fieldValue != null) {
            node.set(field.name(), write(fieldValue, field.schema()));
          }
        }
        return node;
      }
      case ARRAY: {
        ArrayNode array = NODES.arrayNode();
        for (Object item : (Iterable<?>) value) {
          array.add(write(item, schema.getElementType()));
        }
        return array;
      }
      case MAP: {
        ObjectNode node = NODES.objectNode();
        ((Map<?, ?>) value).forEach((k, v) -> node.set(k.toString(), write(v, schema.getValueType())));
        return node;
      }
      case LONG:
        if (value instanceof Instant instant) {
          return NODES.textNode(instant.toString());
        }
        return NODES.numberNode(((Number) value).longValue());
      case INT:
        return NODES.numberNode(((Number) value).intValue());
      case DOUBLE:
      case FLOAT: {
        double d = ((Number) value).doubleValue();
        return Double.isFinite(d) ? NODES.numberNode(d) : NODES.nullNode();
      }
      case BOOLEAN:
        return NODES.booleanNode((Boolean) value);
      case BYTES: {
        ByteBuffer buffer = ((ByteBuffer) value).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
      }
      default:
        return NODES.textNode(value.toString());
    }
  }

  // ---------------------------------------------------------------- reading

  /** Parses one JSON document as a record of {@code type}. */
  public static <T extends SpecificRecord> T read(String json, Class<T> type) {
    if (json.length() > MAX_DOCUMENT_CHARS) {
      throw new InvalidRecordException(type.getSimpleName(),
          List.of(new FieldError("", "document is " + json.length() + " characters; the limit is " + MAX_DOCUMENT_CHARS)));
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidRecordException(type.getSimpleName(),
          List.of(new FieldError("", "not valid JSON: " + e.getOriginalMessage())));
    }
    return read(tree, type);
  }

  /**
   * The top-level fields of {@code tree} that {@code type} does not have, in document order. They are
   * ignored when reading (newer writers stay readable); sources use this to warn about likely typos.
   */
  public static List<String> unknownFields(JsonNode tree, Class<? extends SpecificRecord> type) {
    Schema schema = SpecificData.get().getSchema(type);
    List<String> unknown = new ArrayList<>();
    if (tree != null && tree.isObject()) {
      tree.fieldNames().forEachRemaining(name -> {
        if (schema.getField(name) == null) {
          unknown.add(name);
        }
      });
    }
    return unknown;
  }

  /**
   * A JSON parse error as one line for people: Jackson's own message without its source description,
   * plus the line and column.
   */
  public static String describe(JsonProcessingException e) {
    com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
    return message(e) + (at == null || at.getLineNr() < 0 ? ""
        : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
  }

  /** A location Jackson writes inside some messages (an unclosed array's start marker), with its source description. */
  private static final java.util.regex.Pattern EMBEDDED_SOURCE =
      java.util.regex.Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

  /**
   * Jackson's own message of a parse error without any source description, such as the one it embeds in
   * "expected close marker for Array (start marker at [Source: REDACTED (...); line: 1, column: 1])".
   */
  public static String message(JsonProcessingException e) {
    return EMBEDDED_SOURCE.matcher(e.getOriginalMessage()).replaceAll("line $1, column $2");
  }

  /** Converts a parsed JSON tree to a record of {@code type}. */
  public static <T extends SpecificRecord> T read(JsonNode tree, Class<T> type) {
    Schema schema = SpecificData.get().getSchema(type);
    List<FieldError> errors = new ArrayList<>();
    if (tree == null || !tree.isObject()) {
      errors.add(new FieldError("", "expected a JSON object"));
      throw new InvalidRecordException(type.getSimpleName(), errors);
    }
    Object record = readRecord(tree, schema, "", errors);
    if (!errors.isEmpty()) {
      throw new InvalidRecordException(type.getSimpleName(), errors);
    }
    return type.cast(record);
  }

  private static Object readRecord(JsonNode node, Schema schema, String path, List<FieldError> errors) {
    SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, schema);
    for (Schema.Field field : schema.getFields()) {
      String fieldPath = path.isEmpty() ? field.name() : path + "." + field.name();
      JsonNode value = node.get(field.name());
      if (value == null || value.isNull()) {
        if (field.hasDefaultValue()) {
          record.put(field.pos(), SpecificData.get().deepCopy(field.schema(), SpecificData.get().getDefaultValue(field)));
        } else if (!isNullable(field.schema())) {
          errors.add(new FieldError(fieldPath, "is required"));
        }
        continue;
      }
      int errorsBefore = errors.size();
      Object converted = readValue(value, field.schema(), fieldPath, errors);
      if (errors.size() > errorsBefore) {
        continue; // reported; a null put into a boolean, int or long field would throw instead
      }
      if (converted instanceof String text && NON_BLANK.contains(field.name()) && text.isBlank()) {
        errors.add(new FieldError(fieldPath, "must not be blank"));
      }
      record.put(field.pos(), converted);
    }
    return record;
  }

  private static boolean isNullable(Schema schema) {
    return schema.getType() == Schema.Type.NULL
        || (schema.getType() == Schema.Type.UNION
            && schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL));
  }

  private static Object readValue(JsonNode node, Schema schema, String path, List<FieldError> errors) {
    switch (schema.getType()) {
      case UNION: {
        if (node.isNull()) {
          return null;
        }
        for (Schema branch : schema.getTypes()) {
          if (branch.getType() != Schema.Type.NULL) {
            return readValue(node, branch, path, errors);
          }
        }
        return null;
      }
      case RECORD:
        if (!node.isObject()) {
          errors.add(new FieldError(path, "expected an object"));
          return null;
        }
        return readRecord(node, schema, path, errors);
      case ARRAY: {
        if (!node.isArray()) {
          errors.add(new FieldError(path, "expected an array"));
          return null;
        }
        List<Object> list = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
          JsonNode item = node.get(i);
          String itemPath = path + "[" + i + "]";
          if (item.isNull()) {
            errors.add(new FieldError(itemPath, "must not be null"));
            continue;
          }
          list.add(readValue(item, schema.getElementType(), itemPath, errors));
        }
        return list;
      }
      case MAP: {
        if (!node.isObject()) {
          errors.add(new FieldError(path, "expected an object"));
          return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          map.put(e.getKey(), readValue(e.getValue(), schema.getValueType(), path + "." + e.getKey(), errors));
        }
        return map;
      }
      case STRING:
        return scalar(node.isTextual(), node::textValue, "a string", path, errors);
      case LONG:
        if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
          return readInstant(node, path, errors);
        }
        return scalar(node.canConvertToLong() && node.isIntegralNumber(), node::longValue, "a whole number", path, errors);
      case INT:
        return scalar(node.isIntegralNumber() && node.canConvertToInt(), node::intValue, "a whole number", path, errors);
      case DOUBLE:
        return scalar(node.isNumber(), node::doubleValue, "a number", path, errors);
      case FLOAT:
        return scalar(node.isNumber(), node::floatValue, "a number", path, errors);
      case BOOLEAN:
        return scalar(node.isBoolean(), node::booleanValue, "true or false", path, errors);
      case BYTES:
        try {
          return ByteBuffer.wrap(Base64.getDecoder().decode(node.asText()));
        } catch (IllegalArgumentException e) {
          errors.add(new FieldError(path, "expected base64"));
          return null;
        }
      default:
        errors.add(new FieldError(path, "unsupported type " + schema.getType()));
        return null;
    }
  }

  /** The node's value when it has the JSON type the schema asks for ({@code fits}); else null, noting "expected {@code what}". */
  private static Object scalar(boolean fits, Supplier<Object> value, String what, String path, List<FieldError> errors) {
    if (!fits) {
      errors.add(new FieldError(path, "expected " + what));
      return null;
    }
    return value.get();
  }

  /**
   * A timestamp is ISO-8601 text. A number is refused, not read as epoch milliseconds: {@code 12345}
   * would silently become 1970-01-01T00:00:12.345Z, and seconds would be read as milliseconds.
   */
  private static Instant readInstant(JsonNode node, String path, List<FieldError> errors) {
    if (node.isTextual()) {
      Instant parsed = parseInstant(node.textValue());
      if (parsed != null) {
        return parsed;
      }
    }
    errors.add(new FieldError(path, "expected an ISO-8601 timestamp such as 2026-02-10T08:30:00Z, got " + abbreviate(node.toString())));
    return null;
  }

  /**
   * Parses the ISO-8601 forms people write: an instant, a date-time with offset, a local date-time
   * (taken as UTC) or a date (midnight UTC). Returns null when the text is none of them.
   */
  public static Instant parseInstant(String text) {
    String s = text.trim();
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeException ignored) {
      // try the next form
    }
    try {
      return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException ignored) {
      // try the next form
    }
    try {
      return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeException ignored) {
      return null;
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
