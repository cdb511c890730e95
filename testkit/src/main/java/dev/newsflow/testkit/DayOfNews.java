package dev.newsflow.testkit;

import dev.newsflow.json.CanonicalJson;
import dev.newsflow.schema.AlertRule;
import dev.newsflow.schema.Company;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Mention;
import dev.newsflow.schema.Release;
import dev.newsflow.schema.TopicScore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * A seeded day of news for 50 companies (shared by the aggregation tests and the end-to-end order test): about 500 enriched articles (stories retold by several outlets,
 * a burst of coverage for one company, a run of bad news for another, product names, rumour wording),
 * releases of ten product families (one arriving out of version order), and the input order a real feed
 * gives: mostly chronological, some articles a few minutes late (within the grace period), a few very
 * late, some sent again unchanged, some revised.
 */
public final class DayOfNews {
  public static final Instant DAY = Instant.parse("2026-03-02T00:00:00Z");
  public static final List<String> OUTLETS = List.of("Wire One", "Daily Two", "Tech Three", "Market Four", "Chip Five",
      "Asia Six", "Euro Seven", "Coast Eight", "Pulse Nine", "Ledger Ten", "Brief Eleven", "Desk Twelve");
  public static final List<String> TOPICS = List.of("chips", "llm", "robotics", "funding", "regulation", "cloud");

  /** One input record: an article or a release, in the order they are fed. */
  public record Input(EnrichedArticle article, Release release, Instant arrival, int seq) {}

  public final List<Company> companies = new ArrayList<>();
  public final List<AlertRule> rules = new ArrayList<>();
  public final List<Input> inputs = new ArrayList<>();

  private final Random rnd;
  private int seq;

  private record Story(String id, List<String> companies, List<String> topics, Instant at, Set<String> outlets, String subject) {}

  private DayOfNews(long seed) {
    this.rnd = new Random(seed);
  }

  public static DayOfNews generate(long seed) {
    DayOfNews d = new DayOfNews(seed);
    d.companies();
    d.rules();
    d.articles();
    d.releases();
    d.inputs.sort(Comparator.comparing(Input::arrival).thenComparingInt(Input::seq));
    return d;
  }

  public static String companyId(int i) {
    return String.format(Locale.ROOT, "c%02d", i);
  }

  private void companies() {
    for (int i = 0; i < 50; i++) {
      Company.Builder c = Company.newBuilder().setId(companyId(i)).setName(String.format(Locale.ROOT, "Company %02d", i));
      if (i < 10) {
        c.setProducts(List.of(family(i)));
      }
      companies.add(c.build());
    }
  }

  public static String family(int i) {
    return String.format(Locale.ROOT, "Fam%02d", i);
  }

  private void rules() {
    for (String json : List.of(
        "{\"id\":\"layoffs\",\"type\":\"WATCH\",\"keywords\":[\"layoffs\"],\"minSources\":2,\"throttle\":\"30m\"}",
        "{\"id\":\"c03-chips\",\"type\":\"WATCH\",\"companies\":[\"c03\"],\"topics\":[\"chips\"]}",
        "{\"id\":\"releases\",\"type\":\"NEW_RELEASE\"}",
        "{\"id\":\"spike\",\"type\":\"MENTION_SPIKE\",\"threshold\":3,\"minSources\":2,\"throttle\":\"2h\"}",
        "{\"id\":\"gloom\",\"type\":\"SENTIMENT_DROP\",\"threshold\":-0.3,\"minArticles\":3,\"throttle\":\"3h\"}")) {
      rules.add(CanonicalJson.read(json, AlertRule.class));
    }
  }

  private String pickCompany() {
    double[] w = new double[50];
    double total = 0;
    for (int i = 0; i < 50; i++) {
      w[i] = 1 / Math.pow(i + 1, 0.8);
      total += w[i];
    }
    double x = rnd.nextDouble() * total;
    for (int i = 0; i < 50; i++) {
      x -= w[i];
      if (x <= 0) {
        return companyId(i);
      }
    }
    return companyId(49);
  }

  private void articles() {
    List<Instant> times = new ArrayList<>();
    for (int i = 0; i < 470; i++) {
      times.add(DAY.plusSeconds(rnd.nextInt(24 * 3600)));
    }
    for (int i = 0; i < 14; i++) {
      times.add(DAY.plus(Duration.ofHours(15)).plusSeconds(rnd.nextInt(3600)));
    }
    times.sort(Comparator.naturalOrder());
    List<Story> stories = new ArrayList<>();
    int n = 0;
    for (Instant t : times) {
      n++;
      String id = String.format(Locale.ROOT, "a%04d", n);
      boolean inBurst = !t.isBefore(DAY.plus(Duration.ofHours(15))) && t.isBefore(DAY.plus(Duration.ofHours(16)))
          && rnd.nextInt(3) > 0;
      boolean gloomy = !t.isBefore(DAY.plus(Duration.ofHours(17))) && t.isBefore(DAY.plus(Duration.ofHours(21)))
          && rnd.nextInt(4) == 0;
      Story story = null;
      if (!inBurst && !gloomy && rnd.nextDouble() < 0.35) {
        List<Story> recent = stories.stream().filter(s -> Duration.between(s.at(), t).toHours() < 3).toList();
        if (!recent.isEmpty()) {
          story = recent.get(rnd.nextInt(recent.size()));
        }
      }
      if (story == null) {
        Set<String> cs = new LinkedHashSet<>();
        cs.add(inBurst ? "c07" : gloomy ? "c11" : pickCompany());
        int extra = rnd.nextInt(3);
        for (int k = 0; k < extra; k++) {
          cs.add(pickCompany());
        }
        List<String> topics = new ArrayList<>();
        topics.add(TOPICS.get(rnd.nextInt(TOPICS.size())));
        if (rnd.nextBoolean()) {
          String second = TOPICS.get(rnd.nextInt(TOPICS.size()));
          if (!topics.contains(second)) {
            topics.add(second);
          }
        }
        String subject = rnd.nextInt(20) == 0 ? "plans layoffs" : rnd.nextInt(4) == 0 ? "ships a product" : "makes news";
        story = new Story("story-" + id, List.copyOf(cs), topics, t, new LinkedHashSet<>(), subject);
        stories.add(story);
      }
      String outlet = OUTLETS.get(rnd.nextInt(OUTLETS.size()));
      for (int tries = 0; tries < 5 && story.outlets().contains(outlet); tries++) {
        outlet = OUTLETS.get(rnd.nextInt(OUTLETS.size()));
      }
      story.outlets().add(outlet);
      EnrichedArticle a = article(id, t, story, outlet, gloomy);
      Instant arrival = t;
      int r = rnd.nextInt(100);
      if (r < 6) {
        arrival = t.plusSeconds(180 + rnd.nextInt(360)); // a few minutes late: within the grace period
      } else if (r < 8) {
        arrival = t.plusSeconds(80 * 60 + rnd.nextInt(40 * 60)); // far behind: later than the grace period
      }
      add(a, arrival);
      int after = rnd.nextInt(100);
      if (after < 3) {
        add(a, arrival.plusSeconds(1200 + rnd.nextInt(2400))); // sent again, unchanged
      } else if (after < 7) {
        add(revise(a), arrival.plusSeconds(300 + rnd.nextInt(2700)));
      }
    }
  }

  private EnrichedArticle article(String id, Instant t, Story story, String outlet, boolean gloomy) {
    List<Mention> mentions = new ArrayList<>();
    for (String c : story.companies()) {
      Mention.Builder m = Mention.newBuilder().setCompanyId(c).setAlias(c).setCount(1 + rnd.nextInt(4))
          .setSalience((1 + rnd.nextInt(100)) / 100.0);
      if (rnd.nextInt(10) < 3) {
        m.setSentiment((rnd.nextInt(41) - 20) / 20.0);
      }
      mentions.add(m.build());
    }
    List<TopicScore> topics = new ArrayList<>();
    for (String topic : story.topics()) {
      topics.add(TopicScore.newBuilder().setTopic(topic).setScore((1 + rnd.nextInt(99)) / 100.0).build());
    }
    String lead = companies.get(Integer.parseInt(story.companies().get(0).substring(1))).getName();
    int leadIndex = Integer.parseInt(story.companies().get(0).substring(1));
    String product = leadIndex < 10 && rnd.nextInt(3) == 0 ? " with " + family(leadIndex) + (rnd.nextBoolean() ? " 2.0" : "") : "";
    String title = lead + " " + story.subject() + product + " (" + outlet + ")";
    String body = (rnd.nextInt(10) == 0 ? "The company reportedly " : "The company ") + "said things about "
        + String.join(" and ", story.topics()) + ".";
    Double sentiment;
    if (gloomy) {
      sentiment = -(8 + rnd.nextInt(9)) / 20.0;
    } else {
      sentiment = rnd.nextInt(4) == 0 ? null : Double.valueOf((rnd.nextInt(41) - 20) / 20.0);
    }
    return EnrichedArticle.newBuilder()
        .setId(id).setTitle(title).setBody(body)
        .setUrl("https://" + outlet.toLowerCase(Locale.ROOT).replace(' ', '-') + ".example.com/" + id)
        .setSource(outlet).setPublishedAt(t).setLanguage("en")
        .setMentions(mentions).setTopics(topics).setSentiment(sentiment)
        .setStoryId(story.id()).setDuplicateOf(null).setEnrichmentVersion("generated")
        .build();
  }

  /** A revision: a company dropped, the tone changed, or the title rewritten; same id and time. */
  private EnrichedArticle revise(EnrichedArticle a) {
    EnrichedArticle r = EnrichedArticle.newBuilder(a).build();
    int kind = rnd.nextInt(3);
    if (kind == 0 && a.getMentions().size() > 1) {
      r.setMentions(List.copyOf(a.getMentions().subList(0, a.getMentions().size() - 1)));
    } else if (kind == 1) {
      r.setSentiment(a.getSentiment() == null ? -0.5 : -a.getSentiment());
    } else {
      r.setTitle(a.getTitle() + ", updated with layoffs");
    }
    return r;
  }

  private void releases() {
    for (int i = 0; i < 10; i++) {
      String company = i == 5 ? "Company 05" : companyId(i);
      Instant first = DAY.plus(Duration.ofMinutes(60 + i * 10));
      Instant second = DAY.plus(Duration.ofMinutes(12 * 60 + i * 15));
      add(release("r" + i + "-1.0", company, family(i), "1.0", first), first);
      add(release("r" + i + "-2.0", company, family(i), "2.0", second), second);
      if (i % 2 == 0) {
        Instant middle = DAY.plus(Duration.ofHours(6));
        add(release("r" + i + "-1.5", company, family(i), "1.5", middle), DAY.plus(Duration.ofMinutes(13 * 60 + i)));
      }
    }
    Instant solo = DAY.plus(Duration.ofHours(9));
    add(release("r12-solo", "c12", "Solo", null, solo), solo);
  }

  private static Release release(String id, String company, String product, String version, Instant at) {
    return Release.newBuilder().setId(id).setCompany(company).setProduct(product).setVersion(version)
        .setCategory("llm").setReleasedAt(at).setSource("Blog").build();
  }

  private void add(EnrichedArticle a, Instant arrival) {
    inputs.add(new Input(a, null, arrival, seq++));
  }

  private void add(Release r, Instant arrival) {
    inputs.add(new Input(null, r, arrival, seq++));
  }
}
