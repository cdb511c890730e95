package dev.newsflow.streams.alerts;

import dev.newsflow.config.ConfigException;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.schema.AlertRule;
import dev.newsflow.streams.phrases.Phrases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an {@link AlertRule} record and turns it into a {@link Rule}, reporting every problem at once.
 * The command line refuses bad rules before they reach the rules topic; the streams application ignores
 * (and logs) any that get there another way.
 *
 * <p>Defaults: MENTION_SPIKE threshold 3.0 (a z-score); SENTIMENT_DROP threshold -0.3 (mean sentiment,
 * -1..1) over at least 3 articles; throttle none; severity {@code warning} for MENTION_SPIKE and
 * SENTIMENT_DROP, {@code info} otherwise.
 */
public final class RuleParser {
  public static final double DEFAULT_SPIKE_THRESHOLD = 3.0;
  public static final double DEFAULT_SENTIMENT_THRESHOLD = -0.3;
  public static final int DEFAULT_MIN_ARTICLES = 3;
  public static final int MAX_MIN_SOURCES = 20;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
  private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");

  private RuleParser() {}

  public static Rule parse(AlertRule r) {
    List<String> problems = new ArrayList<>();
    String id = r.getId() == null ? "" : r.getId().strip();
    if (!ID.matcher(id).matches()) {
      problems.add("id must be 1-100 letters, digits, '.', '_', ':' or '-', starting with a letter or digit, got '" + id + "'");
    }
    RuleType type = null;
    try {
      type = RuleType.valueOf(r.getType().strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      problems.add("type must be one of NEW_RELEASE, MENTION_SPIKE, SENTIMENT_DROP, WATCH, got '" + r.getType() + "'");
    }
    Set<String> companies = new LinkedHashSet<>();
    r.getCompanies().forEach(c -> {
      if (c.isBlank()) {
        problems.add("companies holds a blank id");
      } else {
        companies.add(c.strip());
      }
    });
    Set<String> topics = normalizedSet(r.getTopics(), "topics", problems);
    List<String> keywords = List.copyOf(normalizedSet(r.getKeywords(), "keywords", problems));

    Duration throttle = Duration.ZERO;
    if (r.getThrottle() != null && !r.getThrottle().isBlank()) {
      try {
        throttle = NewsflowConfig.parseDuration("throttle", r.getThrottle());
        if (throttle.isNegative()) {
          problems.add("throttle must not be negative");
        }
      } catch (ConfigException e) {
        problems.add(e.getMessage());
      }
    }
    if (r.getMinSources() < 1 || r.getMinSources() > MAX_MIN_SOURCES) {
      problems.add("minSources must be 1.." + MAX_MIN_SOURCES + ", got " + r.getMinSources());
    }
    String severity = r.getSeverity() == null ? null : r.getSeverity().strip().toLowerCase(Locale.ROOT);
    if (severity != null && !SEVERITIES.contains(severity)) {
      problems.add("severity must be info, warning or critical, got '" + r.getSeverity() + "'");
    }
    Double threshold = r.getThreshold();
    if (threshold != null && !Double.isFinite(threshold)) {
      problems.add("threshold must be a finite number");
    }
    double effectiveThreshold = 0;
    int minArticles = r.getMinArticles() == null ? DEFAULT_MIN_ARTICLES : r.getMinArticles();
    if (type != null) {
      if (type != RuleType.WATCH && !topics.isEmpty()) {
        problems.add("topics apply to WATCH rules only");
      }
      if (type != RuleType.WATCH && type != RuleType.NEW_RELEASE && !keywords.isEmpty()) {
        problems.add("keywords apply to WATCH and NEW_RELEASE rules only");
      }
      if (type != RuleType.SENTIMENT_DROP && r.getMinArticles() != null) {
        problems.add("minArticles applies to SENTIMENT_DROP rules only");
      }
      if ((type == RuleType.WATCH || type == RuleType.NEW_RELEASE) && threshold != null) {
        problems.add("threshold applies to MENTION_SPIKE and SENTIMENT_DROP rules only");
      }
      switch (type) {
        case WATCH -> {
          if (companies.isEmpty() && topics.isEmpty() && keywords.isEmpty()) {
            problems.add("a WATCH rule needs at least one of companies, topics or keywords");
          }
        }
        case NEW_RELEASE -> {
          if (r.getMinSources() > 1) {
            problems.add("minSources must be 1 for NEW_RELEASE: a release record is the company's own announcement");
          }
        }
        case MENTION_SPIKE -> {
          effectiveThreshold = threshold == null ? DEFAULT_SPIKE_THRESHOLD : threshold;
          if (!(effectiveThreshold > 0)) {
            problems.add("a MENTION_SPIKE threshold is a z-score above 0, got " + effectiveThreshold);
          }
        }
        case SENTIMENT_DROP -> {
          effectiveThreshold = threshold == null ? DEFAULT_SENTIMENT_THRESHOLD : threshold;
          if (effectiveThreshold < -1 || effectiveThreshold > 1) {
            problems.add("a SENTIMENT_DROP threshold is a mean sentiment in -1..1, got " + effectiveThreshold);
          }
          if (minArticles < 1) {
            problems.add("minArticles must be at least 1, got " + minArticles);
          }
        }
        default -> throw new IllegalStateException();
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidRuleException(id, problems);
    }
    if (severity == null) {
      severity = type == RuleType.MENTION_SPIKE || type == RuleType.SENTIMENT_DROP ? "warning" : "info";
    }
    return new Rule(id, type, r.getDescription(), Set.copyOf(companies), Set.copyOf(topics), keywords,
        effectiveThreshold, minArticles, r.getMinSources(), throttle, severity);
  }

  private static Set<String> normalizedSet(List<String> values, String field, List<String> problems) {
    Set<String> out = new LinkedHashSet<>();
    for (String v : values) {
      String n = Phrases.normalize(v);
      if (n.isEmpty()) {
        problems.add(field + " holds a blank entry");
      } else {
        out.add(n);
      }
    }
    return out;
  }
}
