package dev.newsflow.app;

import dev.newsflow.io.FileProblem;
import dev.newsflow.json.CanonicalJson;
import dev.newsflow.json.InvalidRecordException;
import dev.newsflow.json.NdjsonLines;
import dev.newsflow.schema.AlertRule;
import dev.newsflow.streams.alerts.InvalidRuleException;
import dev.newsflow.streams.alerts.RuleParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A file of alert rules: one {@code AlertRule} in canonical JSON per line (see data/sample/rules.ndjson).
 * Every rule is checked as the streams application would check it, and every problem is reported with
 * its file and line; a file with any problem is refused as a whole, so that a half-loaded rule set never
 * goes live.
 */
public record RuleFile(Path file, List<AlertRule> rules, List<String> problems) {
  /** Rules files are written by people; anything larger is a mistake. */
  public static final long MAX_BYTES = 1024 * 1024;
  public static final String DEFAULT_NAME = "rules.ndjson";

  public static RuleFile read(Path file) {
    List<String> problems = new ArrayList<>();
    Map<String, AlertRule> rules = new LinkedHashMap<>();
    Map<String, Long> lineOf = new LinkedHashMap<>();
    try {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("rules file " + file + " does not exist or is not a file");
      }
      if (Files.size(file) > MAX_BYTES) {
        throw new IllegalArgumentException("rules file " + file + " is larger than " + MAX_BYTES + " bytes");
      }
      NdjsonLines.forEachLine(file, (lineNo, line) -> {
        String where = file + ":" + lineNo + ": ";
        try {
          AlertRule rule = CanonicalJson.read(line, AlertRule.class);
          RuleParser.parse(rule);
          Long earlier = lineOf.putIfAbsent(rule.getId(), lineNo);
          if (earlier != null) {
            problems.add(where + "rule " + rule.getId() + " is already defined on line " + earlier);
          } else {
            rules.put(rule.getId(), rule);
          }
        } catch (InvalidRecordException | InvalidRuleException e) {
          problems.add(where + e.getMessage());
        }
      }, rejection -> problems.add(rejection.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rules file " + file + ": " + FileProblem.reason(e), e);
    }
    return new RuleFile(file, List.copyOf(rules.values()), List.copyOf(problems));
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
