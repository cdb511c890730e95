package dev.newsflow.consumer.feed;

import dev.newsflow.contract.CompanyIds;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Mention;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which articles a feed client wants: mentioning one of {@code companies} (any company when empty) with
 * at least {@code minSalience}, and labelled with one of {@code topics} (any when empty).
 */
public record FeedFilter(Set<String> companies, Set<String> topics, double minSalience) {
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._-]{1,128}");

  public static final FeedFilter ALL = new FeedFilter(Set.of(), Set.of(), 0);

  /**
   * From query parameters {@code company}, {@code topic} (each comma-separated) and {@code minSalience};
   * a topic outside {@code knownTopics} (those articles can carry) is refused, naming them.
   */
  public static FeedFilter fromQuery(Map<String, String> query, Set<String> knownTopics) {
    double min = 0;
    String rawMin = query.get("minSalience");
    if (rawMin != null && !rawMin.isBlank()) {
      try {
        min = Double.parseDouble(rawMin);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("minSalience must be a number between 0 and 1, got " + rawMin);
      }
      if (!(min >= 0 && min <= 1)) {
        throw new IllegalArgumentException("minSalience must be a number between 0 and 1, got " + rawMin);
      }
    }
    Set<String> topics = names(query.get("topic"), "topic");
    for (String topic : new TreeSet<>(topics)) {
      if (!knownTopics.contains(topic)) { // a filter no article can pass would keep the feed empty for ever
        throw new IllegalArgumentException("unknown topic '" + topic + "'; articles carry the topics "
            + String.join(", ", new TreeSet<>(knownTopics)));
      }
    }
    Set<String> companies = names(query.get("company"), "company");
    for (String company : new TreeSet<>(companies)) { // no article mentions a company by an id it cannot have
      CompanyIds.refusal(company).ifPresent(problem -> {
        throw new IllegalArgumentException(problem);
      });
    }
    return new FeedFilter(companies, topics, min);
  }

  private static Set<String> names(String raw, String what) {
    if (raw == null || raw.isBlank()) {
      return Set.of();
    }
    Set<String> names = new java.util.HashSet<>();
    for (String n : raw.split(",")) {
      String name = n.trim();
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(what + " must be ids (letters, digits, '.', '_', '-'), got " + raw);
      }
      names.add(name);
    }
    return Set.copyOf(names);
  }

  public boolean matches(EnrichedArticle article) {
    if (!topics.isEmpty() && article.getTopics().stream().noneMatch(t -> topics.contains(t.getTopic()))) {
      return false;
    }
    if (companies.isEmpty() && minSalience <= 0) {
      return true;
    }
    for (Mention m : article.getMentions()) {
      if ((companies.isEmpty() || companies.contains(m.getCompanyId())) && m.getSalience() >= minSalience) {
        return true;
      }
    }
    return false;
  }
}
