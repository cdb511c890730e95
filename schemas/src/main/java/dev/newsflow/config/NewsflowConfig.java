package dev.newsflow.config;

import dev.newsflow.io.StrictUtf8;
import dev.newsflow.topic.Topics;
import dev.newsflow.wire.ValueFormat;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * newsflow's settings, layered: defaults in code, then a properties file ({@code --config}), then
 * {@code NEWSFLOW_*} environment variables, then command-line flags; later layers win. Any key that
 * starts with {@code kafka.} is handed to the Kafka clients with the prefix removed, untouched, so a
 * deployment can set SASL, SSL or tuning without newsflow knowing about it.
 *
 * <p>Environment variables map to keys by dropping {@code NEWSFLOW_}, lowercasing and turning
 * {@code _} into {@code .}: {@code NEWSFLOW_BOOTSTRAP_SERVERS} is {@code bootstrap.servers},
 * {@code NEWSFLOW_KAFKA_SECURITY_PROTOCOL} is {@code kafka.security.protocol}.
 */
public final class NewsflowConfig {
  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  public static final String TOPIC_PREFIX = "topic.prefix";
  public static final String TOPIC_PARTITIONS = "topic.partitions";
  public static final String TOPIC_REPLICATION_FACTOR = "topic.replication.factor";
  public static final String APPLICATION_ID = "application.id";
  public static final String PROCESSING_GUARANTEE = "processing.guarantee";
  public static final String STATE_DIR = "state.dir";
  public static final String OUTPUT_DIR = "output.dir";
  /** {@code avro} (default) or {@code json}, for every output topic; {@code output.format.<topic>} for one. */
  public static final String OUTPUT_FORMAT = "output.format";
  public static final String KAFKA_PREFIX = "kafka.";
  public static final String ENV_PREFIX = "NEWSFLOW_";

  private static final Map<String, String> DEFAULTS = Map.of(
      BOOTSTRAP_SERVERS, "localhost:9092",
      TOPIC_PREFIX, Topics.DEFAULT_PREFIX,
      TOPIC_PARTITIONS, "3",
      APPLICATION_ID, "newsflow",
      PROCESSING_GUARANTEE, "exactly_once_v2",
      STATE_DIR, ".newsflow/state",
      OUTPUT_DIR, "out");

  private final Map<String, String> values;
  private final Map<String, String> origins;

  private NewsflowConfig(Map<String, String> values, Map<String, String> origins) {
    this.values = Collections.unmodifiableMap(values);
    this.origins = Collections.unmodifiableMap(origins);
  }

  /** Defaults only. */
  public static NewsflowConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults, then {@code file} if given, then the process environment. */
  public static NewsflowConfig load(Path file) {
    Builder builder = builder();
    if (file != null) {
      builder.file(file);
    }
    return builder.environment(System.getenv()).build();
  }

  /** A copy with {@code overrides} applied on top (command-line flags). */
  public NewsflowConfig with(Map<String, String> overrides) {
    Map<String, String> v = new LinkedHashMap<>(values);
    Map<String, String> o = new LinkedHashMap<>(origins);
    overrides.forEach((k, val) -> {
      v.put(k, val);
      o.put(k, "command line");
    });
    return new NewsflowConfig(v, o);
  }

  public NewsflowConfig with(String key, String value) {
    return with(Map.of(key, value));
  }

  // ---------------------------------------------------------------- typed settings

  public String bootstrapServers() {
    return require(BOOTSTRAP_SERVERS);
  }

  public Topics topics() {
    return Topics.withPrefix(values.getOrDefault(TOPIC_PREFIX, ""), outputFormats());
  }

  /**
   * The value format of each output topic: {@code output.format.<topic>} (e.g.
   * {@code output.format.company.summary=json}), else {@code output.format}, else Avro.
   */
  public Map<String, ValueFormat> outputFormats() {
    Map<String, ValueFormat> formats = new TreeMap<>();
    for (String key : values.keySet()) {
      if (key.startsWith(OUTPUT_FORMAT + ".") && !Topics.OUTPUTS.contains(key.substring(OUTPUT_FORMAT.length() + 1))) {
        throw invalid(key, "names no output topic; the outputs are " + String.join(", ", Topics.OUTPUTS));
      }
    }
    for (String topic : Topics.OUTPUTS) {
      String key = values.containsKey(OUTPUT_FORMAT + "." + topic) ? OUTPUT_FORMAT + "." + topic : OUTPUT_FORMAT;
      if (values.containsKey(key)) {
        try {
          formats.put(topic, ValueFormat.parse(values.get(key)));
        } catch (IllegalArgumentException e) {
          throw invalid(key, e.getMessage());
        }
      }
    }
    return formats;
  }

  public int partitions() {
    int n = getInt(TOPIC_PARTITIONS, 3);
    if (n < 1) {
      throw invalid(TOPIC_PARTITIONS, "must be at least 1");
    }
    return n;
  }

  /** Empty: use the cluster's {@code default.replication.factor}. */
  public Optional<Short> replicationFactor() {
    return get(TOPIC_REPLICATION_FACTOR).map(v -> {
      int n = parseInt(TOPIC_REPLICATION_FACTOR, v);
      // checked before the cast: 70000 would become 4464, and -1 would quietly mean the broker's default
      if (n < 1 || n > Short.MAX_VALUE) {
        throw invalid(TOPIC_REPLICATION_FACTOR, "must be 1 or more (at most the number of brokers), got " + n);
      }
      return (short) n;
    });
  }

  public String applicationId() {
    return require(APPLICATION_ID);
  }

  public String processingGuarantee() {
    return require(PROCESSING_GUARANTEE);
  }

  public Path stateDir() {
    return Path.of(require(STATE_DIR));
  }

  public Path outputDir() {
    return Path.of(require(OUTPUT_DIR));
  }

  /** Properties for any Kafka client: {@code bootstrap.servers} plus every {@code kafka.*} key, prefix removed. */
  public Map<String, Object> kafkaProperties() {
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", bootstrapServers());
    values.forEach((k, v) -> {
      if (k.startsWith(KAFKA_PREFIX) && k.length() > KAFKA_PREFIX.length()) {
        props.put(k.substring(KAFKA_PREFIX.length()), v);
      }
    });
    return props;
  }

  // ---------------------------------------------------------------- raw access

  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
  }

  public String get(String key, String fallback) {
    return get(key).orElse(fallback);
  }

  public String require(String key) {
    return get(key).orElseThrow(() -> new ConfigException("setting " + key + " is required (set it in --config, "
        + "or as " + envName(key) + ")"));
  }

  public int getInt(String key, int fallback) {
    return get(key).map(v -> parseInt(key, v)).orElse(fallback);
  }

  /** A whole number from {@code min} to {@code max}; a value outside is refused naming the key, its origin and the range. */
  public int getInt(String key, int fallback, int min, int max) {
    int n = getInt(key, fallback);
    if (n < min || n > max) {
      throw invalid(key, "must be from " + min + " to " + max + ", got " + n);
    }
    return n;
  }

  /** A TCP port, 0 (any free one) to 65535; a value outside is refused as {@link #getInt(String, int, int, int)} says. */
  public int getPort(String key, int fallback) {
    return getInt(key, fallback, 0, 65_535);
  }

  public long getLong(String key, long fallback) {
    return get(key).map(v -> {
      try {
        return Long.parseLong(v.trim());
      } catch (NumberFormatException e) {
        throw invalid(key, "expected a whole number, got '" + v + "'");
      }
    }).orElse(fallback);
  }

  public boolean getBoolean(String key, boolean fallback) {
    return get(key).map(v -> {
      String s = v.trim().toLowerCase(Locale.ROOT);
      if (s.equals("true") || s.equals("false")) {
        return Boolean.parseBoolean(s);
      }
      throw invalid(key, "expected true or false, got '" + v + "'");
    }).orElse(fallback);
  }

  /** A duration written as ISO-8601 ({@code PT30S}) or as a number with a unit: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}. */
  public Duration getDuration(String key, Duration fallback) {
    return get(key).map(v -> {
      try {
        return duration(v);
      } catch (IllegalArgumentException e) {
        throw invalid(key, e.getMessage());
      }
    }).orElse(fallback);
  }

  /** Where a key's value came from: a file path, an environment variable, the command line or "default". */
  public String origin(String key) {
    return origins.getOrDefault(key, "unset");
  }

  /**
   * Keys set in a file, the environment or on the command line that newsflow does not read (see
   * {@link Settings}), each as one line naming where it came from and the nearest known key.
   */
  public java.util.List<String> unknownSettings() {
    java.util.List<String> unknown = new java.util.ArrayList<>();
    origins.forEach((key, origin) -> {
      if (!origin.equals("default") && !origin.equals("code") && Settings.find(key).isEmpty()) {
        unknown.add("unknown setting '" + key + "' (from " + origin + ") is ignored"
            + Settings.nearest(key).map(k -> "; did you mean " + k + "?").orElse(""));
      }
    });
    return unknown;
  }

  /** All settings, sorted, for diagnostics. */
  public Map<String, String> asMap() {
    return new TreeMap<>(values);
  }

  public static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** Parses a duration the way {@link #getDuration} does; {@code key} names it in the error. */
  public static Duration parseDuration(String key, String raw) {
    try {
      return duration(raw);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key + ": " + e.getMessage());
    }
  }

  /** A duration of zero or more; the refusal says what would do. */
  private static Duration duration(String raw) {
    String v = raw.trim().toLowerCase(Locale.ROOT);
    Duration parsed;
    try {
      if (v.startsWith("p")) {
        parsed = Duration.parse(v.toUpperCase(Locale.ROOT));
      } else {
        int split = 0;
        while (split < v.length() && (Character.isDigit(v.charAt(split)) || v.charAt(split) == '.')) {
          split++;
        }
        double amount = Double.parseDouble(v.substring(0, split));
        String unit = v.substring(split).trim();
        double millis = switch (unit) {
          case "ms" -> amount;
          case "s", "" -> amount * 1_000;
          case "m", "min" -> amount * 60_000;
          case "h" -> amount * 3_600_000;
          case "d" -> amount * 86_400_000;
          default -> throw new NumberFormatException(unit);
        };
        parsed = Duration.ofMillis(Math.round(millis));
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("expected a duration such as 500ms, 30s, 5m, 2h or PT30S, got '" + raw + "'");
    }
    // ISO-8601 can say PT-5S; no setting means anything by a negative wait, and Kafka's clients refuse one with a stack trace
    if (parsed.isNegative()) {
      throw new IllegalArgumentException("must not be negative, got '" + raw + "'; use 0 or more, such as 30s");
    }
    return parsed;
  }

  private int parseInt(String key, String v) {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw invalid(key, "expected a whole number, got '" + v + "'");
    }
  }

  private ConfigException invalid(String key, String problem) {
    return new ConfigException(key + " (from " + origin(key) + "): " + problem);
  }

  /** Assembles a configuration layer by layer; each call overrides what came before. */
  public static final class Builder {
    private final Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
    private final Map<String, String> origins = new LinkedHashMap<>();

    private Builder() {
      DEFAULTS.keySet().forEach(k -> origins.put(k, "default"));
    }

    public Builder file(Path file) {
      if (!Files.isRegularFile(file)) {
        throw new ConfigException("config file " + file + " does not exist or is not a file");
      }
      Properties props = new Properties();
      try {
        String text = StrictUtf8.decode(Files.readAllBytes(file));
        // An editor's byte-order mark would otherwise become part of the first key, which then matches nothing
        props.load(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text));
      } catch (IOException | IllegalArgumentException e) {
        throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
      }
      props.stringPropertyNames().forEach(k -> put(k.trim(), props.getProperty(k).trim(), file.toString()));
      return this;
    }

    public Builder environment(Map<String, String> env) {
      env.forEach((name, value) -> {
        if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length() && !Settings.isEnvironmentOnly(name)) {
          String key = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
          put(key, value, "environment variable " + name);
        }
      });
      return this;
    }

    public Builder set(String key, String value) {
      return put(key, value, "code");
    }

    private Builder put(String key, String value, String origin) {
      values.put(key, value);
      origins.put(key, origin);
      return this;
    }

    public NewsflowConfig build() {
      return new NewsflowConfig(new LinkedHashMap<>(values), new LinkedHashMap<>(origins));
    }
  }
}
