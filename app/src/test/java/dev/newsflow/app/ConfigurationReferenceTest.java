package dev.newsflow.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.config.Setting;
import dev.newsflow.config.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The configuration reference cannot drift from the code: every key any module reads through
 * {@code config.get…(KEY, default)} is documented in {@link Settings}, every documented key is read, each
 * default written in the code is the documented one, and {@code docs/configuration.md} is the rendering.
 * The code is read as source, so a key added anywhere (in any module) without documentation fails here.
 */
class ConfigurationReferenceTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Pattern CONSTANT = Pattern.compile("static final String (\\w+) = \"([^\"]*)\";");
  private static final Pattern READ = Pattern.compile("\\bconfig\\.(?:get|getInt|getPort|getLong|getBoolean|getDuration|require)\\(");
  private static final Pattern KEY = Pattern.compile("[a-z]+(\\.[a-z0-9]+)+");

  /** Key → where it is read, and the defaults written beside it. */
  private static final Map<String, List<String>> READS = new TreeMap<>();
  private static final Map<String, List<String>> CODE_DEFAULTS = new TreeMap<>();
  private static final List<String> UNRESOLVED = new ArrayList<>();
  /** Keys NewsflowConfig declares and reads itself (typed accessors, the output formats). */
  private static final Set<String> NEWSFLOW_CONFIG_KEYS = new TreeSet<>();

  @BeforeAll
  static void readTheSources() throws IOException {
    Map<Path, String> sources = new HashMap<>();
    try (Stream<Path> files = Files.walk(ROOT)) {
      files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")
          && !p.toString().contains("/target/")).forEach(p -> sources.put(p, read(p)));
    }
    Map<String, Map<String, String>> constantsByClass = new HashMap<>();
    sources.forEach((file, text) -> {
      Map<String, String> constants = new HashMap<>();
      Matcher m = CONSTANT.matcher(text);
      while (m.find()) {
        constants.put(m.group(1), m.group(2));
      }
      constantsByClass.put(file.getFileName().toString().replace(".java", ""), constants);
      if (file.endsWith(Path.of("dev/newsflow/config/NewsflowConfig.java"))) {
        constants.values().stream().filter(v -> KEY.matcher(v).matches()).forEach(NEWSFLOW_CONFIG_KEYS::add);
      }
    });
    sources.forEach((file, text) -> {
      Map<String, String> own = constantsByClass.get(file.getFileName().toString().replace(".java", ""));
      Matcher m = READ.matcher(text);
      while (m.find()) {
        List<String> args = arguments(text, m.end());
        String arg = args.get(0);
        boolean ranged = args.size() == 4 && m.group().equals("config.getInt("); // getInt(key, fallback, min, max)
        if ((args.size() > 2 && !ranged) || Character.isLowerCase(arg.charAt(0))) {
          continue; // not a settings read (another overload), or a key passed in by a caller: checked at its source
        }
        StringBuilder joined = new StringBuilder();
        for (String part : arg.split("\\+")) {
          String resolved = resolve(part.strip(), own, constantsByClass);
          if (resolved == null) {
            joined = null;
            break;
          }
          joined.append(resolved);
        }
        String key = joined == null ? null : joined.toString();
        String where = ROOT.relativize(file) + ": config.…(" + String.join(", ", args) + ")";
        if (key == null || !KEY.matcher(key).matches()) {
          UNRESOLVED.add(where);
          continue;
        }
        READS.computeIfAbsent(key, k -> new ArrayList<>()).add(where);
        if (args.size() == 2 || ranged) {
          CODE_DEFAULTS.computeIfAbsent(key, k -> new ArrayList<>()).add(args.get(1));
        }
      }
    });
  }

  @Test
  void everyKeyTheCodeReadsIsDocumented() {
    assertTrue(UNRESOLVED.isEmpty(), "config reads whose key this test cannot resolve to a string constant: " + UNRESOLVED);
    Set<String> undocumented = new TreeSet<>(READS.keySet());
    undocumented.removeIf(k -> Settings.find(k).isPresent());
    assertTrue(undocumented.isEmpty(), "read in the code but missing from Settings (and docs/configuration.md): "
        + undocumented + "\n" + READS.entrySet().stream().filter(e -> undocumented.contains(e.getKey())).toList());
  }

  @Test
  void everyDocumentedKeyIsRead() {
    Set<String> readByNewsflowConfig = new TreeSet<>(NewsflowConfig.defaults().asMap().keySet());
    readByNewsflowConfig.addAll(NEWSFLOW_CONFIG_KEYS);
    List<String> unread = Settings.all().stream().map(Setting::key)
        .filter(k -> !k.endsWith("*") && !READS.containsKey(k) && !readByNewsflowConfig.contains(k))
        .toList();
    assertTrue(unread.isEmpty(), "documented in Settings but read nowhere: " + unread);
  }

  @Test
  void theDefaultsInTheCodeAreTheDocumentedOnes() {
    List<String> wrong = new ArrayList<>();
    CODE_DEFAULTS.forEach((key, expressions) -> {
      Setting setting = Settings.find(key).orElseThrow();
      if (setting.key().endsWith("*")) {
        return; // a family (kafka.*): each client key keeps Kafka's own default
      }
      String documented = setting.defaultValue();
      if (documented.startsWith("unset") || documented.contains(" ") || documented.contains("`")
          || NewsflowConfig.defaults().get(key).isPresent()) {
        return; // a phrase ("unset", ...), or a key that always has a value: the code's fallback is never used
      }
      for (String expression : expressions) {
        Object code = evaluate(expression);
        if (code instanceof Duration d && !d.equals(NewsflowConfig.parseDuration(key, documented))) {
          wrong.add(key + ": code " + expression + ", documented " + documented);
        } else if (code instanceof Long n && !documented.equals(Long.toString(n))) {
          wrong.add(key + ": code " + expression + ", documented " + documented);
        } else if (code instanceof String s && !documented.equals(s)) {
          wrong.add(key + ": code " + expression + ", documented " + documented);
        }
      }
    });
    NewsflowConfig.defaults().asMap().forEach((key, value) -> {
      if (!Settings.find(key).map(Setting::defaultValue).orElse("").equals(value)) {
        wrong.add(key + ": NewsflowConfig's default " + value + ", documented " + Settings.find(key).map(Setting::defaultValue));
      }
    });
    assertTrue(wrong.isEmpty(), "defaults that differ between the code and Settings: " + wrong);
  }

  @Test
  void theReferenceFileIsTheRenderingOfSettings() throws IOException {
    Path file = ROOT.resolve("docs/configuration.md");
    assertEquals(Settings.markdown(), Files.readString(file, StandardCharsets.UTF_8),
        "docs/configuration.md differs from Settings: run 'mvn -pl schemas process-classes' and commit the file");
  }

  @Test
  void aMistypedKeyIsReportedWithTheNearestKnownOne() {
    NewsflowConfig config = NewsflowConfig.defaults().with(Map.of("ingest.prot", "9000", "kafka.linger.ms", "20",
        "output.format.company.summary", "json"));
    assertEquals(List.of("unknown setting 'ingest.prot' (from command line) is ignored; did you mean ingest.port?"),
        config.unknownSettings());
    NewsflowConfig fromEnvironment = NewsflowConfig.builder()
        .environment(Map.of("NEWSFLOW_LOG_LEVEL", "DEBUG", "NEWSFLOW_GATEWAY_PORT", "9090")).build();
    assertEquals(List.of(), fromEnvironment.unknownSettings(), "environment-only variables are not settings");
  }

  /** A string literal, or a constant of this class or of another ({@code Class.NAME}); null when neither. */
  private static String resolve(String part, Map<String, String> own, Map<String, Map<String, String>> constantsByClass) {
    if (part.startsWith("\"") && part.endsWith("\"") && part.length() >= 2) {
      return part.substring(1, part.length() - 1);
    }
    if (part.contains(".")) {
      String cls = part.substring(0, part.lastIndexOf('.'));
      cls = cls.substring(cls.lastIndexOf('.') + 1);
      return constantsByClass.getOrDefault(cls, Map.of()).get(part.substring(part.lastIndexOf('.') + 1));
    }
    return own.get(part);
  }

  /** The top-level, comma-separated arguments of a call whose opening parenthesis ends just before {@code from}. */
  private static List<String> arguments(String text, int from) {
    List<String> args = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    StringBuilder current = new StringBuilder();
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' && text.charAt(i - 1) != '\\') {
        quoted = !quoted;
      } else if (!quoted && (c == '(' || c == '{' || c == '[')) {
        depth++;
      } else if (!quoted && (c == ')' || c == '}' || c == ']')) {
        if (depth == 0) {
          break;
        }
        depth--;
      } else if (!quoted && c == ',' && depth == 0) {
        args.add(current.toString().strip());
        current.setLength(0);
        continue;
      }
      current.append(c);
    }
    args.add(current.toString().strip());
    return args;
  }

  /** A default as written in the code, when it is a plain value: a Duration, a whole number or a string; else null. */
  private static Object evaluate(String expression) {
    Matcher duration = Pattern.compile("Duration\\.of(Millis|Seconds|Minutes|Hours|Days)\\((\\d+)\\)").matcher(expression);
    if (duration.matches()) {
      long n = Long.parseLong(duration.group(2));
      return switch (duration.group(1)) {
        case "Millis" -> Duration.ofMillis(n);
        case "Seconds" -> Duration.ofSeconds(n);
        case "Minutes" -> Duration.ofMinutes(n);
        case "Hours" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    if (expression.matches("[\\d_]+(\\s*\\*\\s*[\\d_]+)*")) {
      long product = 1;
      for (String factor : expression.split("\\*")) {
        product *= Long.parseLong(factor.strip().replace("_", ""));
      }
      return product;
    }
    if (expression.matches("\"[^\"]*\"")) {
      return expression.substring(1, expression.length() - 1);
    }
    return null;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
