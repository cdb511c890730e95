package dev.newsflow.consumer.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.TestRecords;
import dev.newsflow.consumer.feed.FeedGateway;
import dev.newsflow.schema.Alert;
import dev.newsflow.schema.CompanyActivity;
import dev.newsflow.schema.CompanyDigest;
import dev.newsflow.schema.CompanySummary;
import dev.newsflow.schema.DigestPeriod;
import dev.newsflow.schema.DigestStory;
import dev.newsflow.schema.EnrichedArticle;
import dev.newsflow.schema.Headline;
import dev.newsflow.schema.ReleaseRef;
import dev.newsflow.testkit.Poll;
import dev.newsflow.testkit.TestTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard in a real headless chromium, against a real gateway and broker: articles appear live,
 * charts and digests are drawn, and hostile article text is shown as text and never runs. One browser serves
 * all the tests of this class.
 */
class DashboardBrowserIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** Every hostile string tries to set this flag; it must stay unset. */
  private static final String FLAG = "window.__pwned";
  private static final String HOSTILE_TITLE = "<img src=x onerror=\"" + FLAG + "='img'\"><script>" + FLAG
      + "='script'</script> Acme <b>bold</b>";
  private static final String HOSTILE_URL = "javascript:" + FLAG + "='link'";
  /** Not a language tag: set as the key sentence's lang attribute and shown as a language name, it stays text. */
  private static final String HOSTILE_LANGUAGE = "\"><img src=x onerror=" + FLAG + "='lang'>";
  private static final Instant LATER = Instant.parse("2026-06-01T10:00:00Z");

  private static Path dir;
  private static NewsflowConfig config;
  private static FeedGateway gateway;
  private static TestRecords records;
  private static HeadlessChromium chromium;
  private ChromeDriver browser;

  @BeforeAll
  static void startGatewayAndBrowser() throws Exception {
    chromium = HeadlessChromium.start();
    dir = Files.createTempDirectory("newsflow-dashboard-it");
    config = TestTopics.config("dashboard", dir, 1).with(Map.of(FeedGateway.PORT, "0", FeedGateway.HEARTBEAT, "2s"));
    records = new TestRecords(config);
    gateway = new FeedGateway(config, Set.of("ai", "chips")).start(); // the topics its articles carry
    Poll.until(TIMEOUT, "the gateway to read the topics", gateway::caughtUp);
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (gateway != null) {
      gateway.close();
    }
    if (records != null) {
      records.close();
    }
  }

  @BeforeEach
  void browser() {
    browser = chromium.driver();
  }

  @Test
  void aPublishedArticleAppearsOnTheLivePageWithoutAReload() {
    records.send(config.topics().companySummary(), "acme", TestRecords.summary("acme", 3));
    open("/");
    awaitLive();
    js("window.__sameDocument = 'kept'; return 1;");

    EnrichedArticle article = TestRecords.article("live-1", "Acme ships Model 9 to every customer",
        "https://news.example.com/acme/model-9", Instant.now(), "ai", 0.9, "acme");
    records.send(config.topics().articlesEnriched(), article.getId(), article);

    WebElement title = Poll.until(TIMEOUT, "the article on the page",
        () -> browser.findElements(By.cssSelector("#feed li[data-id='live-1'] .title")), l -> !l.isEmpty()).get(0);
    assertEquals("Acme ships Model 9 to every customer", title.getText());
    assertEquals("https://news.example.com/acme/model-9", title.getAttribute("href"));
    assertEquals("kept", js("return window.__sameDocument;"), "the page was not reloaded");
    Poll.until(TIMEOUT, "the company in the trending table", () -> browser.findElement(By.cssSelector("#trending tbody"))
        .getText().contains("Company ACME"));
    assertShowsTheNewsClock("/v1/companies");
  }

  /** The header shows the gateway's news clock (the newest article time seen), the one "24 h" is counted to. */
  private void assertShowsTheNewsClock(String api) {
    Poll.until(TIMEOUT, "the news clock in the header", () -> {
      String clock = FeedGatewayHttp.get(gateway, api).replaceAll(".*\"newsClock\":\"([^\"]+)\".*", "$1");
      WebElement shown = browser.findElement(By.id("news-clock"));
      return clock.equals(shown.getAttribute("data-at"))
          && shown.getText().equals("News clock: " + clock.replace('T', ' ').substring(0, 16) + " UTC");
    });
  }

  @Test
  void hostileArticleTextIsShownAsTextAndNothingRuns() {
    EnrichedArticle backlog = hostile("evil-1");
    records.send(config.topics().articlesEnriched(), backlog.getId(), backlog);
    records.send(config.topics().companySummary(), "evilco", hostileSummary());
    open("/");
    awaitLive();
    EnrichedArticle live = hostile("evil-2");
    records.send(config.topics().articlesEnriched(), live.getId(), live);

    for (String id : List.of("evil-1", "evil-2")) {
      WebElement title = Poll.until(TIMEOUT, id + " on the page",
          () -> browser.findElements(By.cssSelector("#feed li[data-id='" + id + "'] .title")), l -> !l.isEmpty()).get(0);
      assertEquals(HOSTILE_TITLE, title.getAttribute("textContent"), "the markup is shown as text");
      assertNull(title.getAttribute("href"), "a javascript: link is not a link");
      title.click();
    }
    assertEquals(0L, js("return document.querySelectorAll('#feed img, #feed script, #feed svg, #feed iframe, #feed b').length;"));
    WebElement source = browser.findElement(By.cssSelector("#feed li[data-id='evil-1'] .source"));
    assertEquals("<svg onload=\"" + FLAG + "='svg'\">", source.getAttribute("textContent"));
    assertNotPwned();

    open("/company.html?id=evilco");
    Poll.until(TIMEOUT, "the company page", () -> "yes".equals(browser.findElement(By.tagName("body")).getAttribute("data-loaded")));
    assertEquals("<img src=x onerror=\"" + FLAG + "='name'\">", browser.findElement(By.id("name")).getAttribute("textContent"));
    WebElement headline = browser.findElement(By.cssSelector("#headlines li > :first-child"));
    assertEquals(HOSTILE_TITLE, headline.getAttribute("textContent"));
    assertNull(headline.getAttribute("href"));
    headline.click();
    WebElement release = browser.findElement(By.cssSelector("#releases li > :first-child"));
    assertEquals("<iframe src=\"javascript:" + FLAG + "='release'\"></iframe> 1.0", release.getAttribute("textContent"));
    assertNull(release.getAttribute("href"));
    assertTrue(browser.findElement(By.id("digest")).isDisplayed(), "the digest with the hostile story");
    assertEquals(List.of("evil-story: " + HOSTILE_TITLE + " | " + HOSTILE_LANGUAGE + " | 1 outlet · " + HOSTILE_LANGUAGE
        + " · 1 report · <b>neutral</b> in tone"), stories("#digest-day"));
    assertEquals(0L, js("return document.querySelectorAll('main img, main script, main iframe, #headlines svg, #digest b').length;"));
    assertEquals(List.of("evilco 90%"), texts("#recent li[data-id='evil-1'] .chips a"));
    assertNotPwned();

    open("/company.html?id=" + java.net.URLEncoder.encode("<img src=x onerror=" + FLAG + "='id'>",
        java.nio.charset.StandardCharsets.UTF_8));
    Poll.until(TIMEOUT, "the missing-company message",
        () -> "missing".equals(browser.findElement(By.tagName("body")).getAttribute("data-loaded")));
    assertEquals("company id '<img src=x onerror=" + FLAG + "='id'>' must be a lowercase slug (a-z, 0-9, '.', '_', '-', "
        + "starting with a letter or digit, at most 128 characters), such as bytedance",
        browser.findElement(By.id("problem")).getText(), "the gateway's reason, the hostile id in it shown as text");
    assertEquals("<img src=x onerror=" + FLAG + "='id'>", browser.findElement(By.id("name")).getAttribute("textContent"));
    assertNotPwned();
  }

  @Test
  void theCompanyPageDrawsItsActivityChartAndReleasesAndFollowsNewArticles() {
    CompanySummary summary = TestRecords.summary("chartco", 3);
    records.send(config.topics().companySummary(), "chartco", summary);
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
    Instant twoHoursBefore = hour.minus(Duration.ofHours(2));
    List<Instant> times = List.of(twoHoursBefore.plusSeconds(60), twoHoursBefore.plusSeconds(120), hour,
        hour.plusSeconds(1));
    for (int i = 0; i < 3; i++) {
      EnrichedArticle a = TestRecords.article("c" + (i + 1), "Article " + (i + 1), null, times.get(i), "ai", 0.8, "chartco");
      records.send(config.topics().articlesEnriched(), a.getId(), a);
    }
    // The chart is the streams application's count: its hourly windows of chartco, as it publishes them.
    sendActivity(TestRecords.activity("chartco", "1h", twoHoursBefore, 2));
    sendActivity(TestRecords.activity("chartco", "1h", hour, 1));
    sendActivity(TestRecords.activity("chartco", "24h", hour.minus(Duration.ofHours(23)), 3)); // not charted
    String chartEnd = "\"end\":\"" + hour.plus(Duration.ofHours(1)) + "\"";
    Poll.until(TIMEOUT, "the gateway to have them", () -> FeedGatewayHttp.get(gateway, "/v1/companies/chartco"),
        body -> body.contains("\"c3\"") && body.contains(chartEnd));
    open("/company.html?id=chartco");
    Poll.until(TIMEOUT, "the company page", () -> "yes".equals(browser.findElement(By.tagName("body")).getAttribute("data-loaded")));
    awaitLive();
    js("window.__sameDocument = 'kept'; return 1;");

    // The chart covers the 24 hours up to the newest hour of activity the gateway has seen (event time).
    List<Integer> expected = new ArrayList<>(Collections.nCopies(24, 0));
    expected.set(21, 2);
    expected.set(23, 1);
    assertEquals(expected, bars());
    assertEquals("Company CHARTCO", browser.findElement(By.id("name")).getText());
    assertEquals(List.of("Model 3.0 2026-03-01 11:00 UTC"), texts("#releases li"));
    assertEquals(List.of("Headline 3 about chartco Example Wire 2026-03-01 08:03 UTC"), texts("#headlines li"));

    // A live article and the summary it brings; the page takes both in.
    EnrichedArticle fresh = TestRecords.article("c4", "Fourth, live", "https://news.example.com/c4", times.get(3), "ai",
        0.9, "chartco");
    records.send(config.topics().articlesEnriched(), fresh.getId(), fresh);
    records.send(config.topics().companySummary(), "chartco", TestRecords.summary("chartco", 4));
    Poll.until(TIMEOUT, "the live article on the company page",
        () -> !browser.findElements(By.cssSelector("#recent li[data-id='c4']")).isEmpty());
    // (read in one script, as bars(): the page is redrawn as it refreshes)
    Poll.until(TIMEOUT, "the new summary's article count on the company page",
        () -> js("return document.querySelector('#stats dd').textContent;"), "12"::equals);
    // Then, as from the streams application (up to activity.live.interval after the article), the hour's new
    // count: with no further article to prompt it, the page still follows.
    sendActivity(TestRecords.activity("chartco", "1h", hour, 2));
    expected.set(23, 2);
    Poll.until(TIMEOUT, "the chart to follow", this::bars, expected::equals);
    assertShowsTheNewsClock("/v1/companies/chartco");
    assertEquals("kept", js("return window.__sameDocument;"), "the page was not reloaded");
  }

  @Test
  void theAlertsPanelShowsNewAlertsLiveAndFiltersByCompanyKeptInTheUrl() {
    records.send(config.topics().companySummary(), "panelco", TestRecords.summary("panelco", 2));
    open("/");
    awaitLive();
    js("window.__sameDocument = 'kept'; return 1;");
    Alert hostile = TestRecords.alert("panel-1", "watch-panel", "panelco", HOSTILE_TITLE);
    hostile.setFiredAt(LATER);
    records.send(config.topics().alerts(), hostile.getId(), hostile);
    Alert other = TestRecords.alert("panel-2", "watch-panel", "otherco", "Otherco raises money");
    other.setFiredAt(LATER.plusSeconds(60));
    records.send(config.topics().alerts(), other.getId(), other);

    Poll.until(TIMEOUT, "both alerts in the panel, newest first",
        () -> ids("#alerts li"), ids -> ids.equals(List.of("panel-2", "panel-1")));
    assertTrue(texts("#alerts li[data-id='panel-1'] .alert-title").get(0).contains("<script>"), "shown as text");
    assertNotPwned();

    browser.findElement(By.cssSelector("#alerts-filter input[name=company]")).sendKeys("panelco\n");
    Poll.until(TIMEOUT, "only panelco's alert", () -> ids("#alerts li"), ids -> ids.equals(List.of("panel-1")));
    assertTrue(browser.getCurrentUrl().contains("alerts=panelco"), browser.getCurrentUrl());
    assertEquals("kept", js("return window.__sameDocument;"), "the page was not reloaded");

    // the filter survives a reload: it is in the URL
    browser.navigate().refresh();
    Poll.until(TIMEOUT, "the filtered panel after a reload", () -> ids("#alerts li"), ids -> ids.equals(List.of("panel-1")));
    assertEquals("panelco", browser.findElement(By.cssSelector("#alerts-filter input[name=company]")).getAttribute("value"));

    // the company page lists its own alerts
    open("/company.html?id=otherco");
    Poll.until(TIMEOUT, "otherco's alert on its page", () -> ids("#alerts li"), ids -> ids.equals(List.of("panel-2")));
  }

  @Test
  void theFeedFiltersAreKeptInTheUrl() {
    open("/?company=acme&topic=ai");
    awaitLive();
    assertEquals("acme", browser.findElement(By.cssSelector("#filter input[name=company]")).getAttribute("value"));
    assertEquals("ai", browser.findElement(By.cssSelector("#filter input[name=topic]")).getAttribute("value"));
    EnrichedArticle off = TestRecords.article("url-off", "Betaco news", null, Instant.now(), "ai", 0.9, "betaco");
    EnrichedArticle on = TestRecords.article("url-on", "Acme news", null, Instant.now(), "ai", 0.9, "acme");
    records.send(config.topics().articlesEnriched(), off.getId(), off);
    records.send(config.topics().articlesEnriched(), on.getId(), on);
    Poll.until(TIMEOUT, "the matching article", () -> !browser.findElements(By.cssSelector("#feed li[data-id='url-on']")).isEmpty());
    assertTrue(browser.findElements(By.cssSelector("#feed li[data-id='url-off']")).isEmpty(), "filtered out");
  }

  @Test
  void aTopicNoArticleCanCarryIsRefusedOnThePageWithTheGatewaysReason() {
    open("/?topic=robots");
    Poll.until(TIMEOUT, "the refusal", () -> "refused".equals(browser.findElement(By.tagName("body")).getAttribute("data-feed")));
    String status = browser.findElement(By.id("feed-status")).getText();
    assertTrue(status.startsWith("refused: unknown topic 'robots'"), status);
    // a topic articles do carry follows the feed again
    WebElement topic = browser.findElement(By.cssSelector("#filter input[name=topic]"));
    topic.clear();
    topic.sendKeys("ai\n");
    awaitLive();
  }

  @Test
  void theCompanyPageShowsItsDigestsMainStoriesAndNoDigestForASummaryWithout() {
    String english = "Digestco released Rocket 2.0 to every customer on Monday, its chief executive said.";
    String chinese = "Digestco 周一发布了火箭 2.0 模型，面向所有客户开放。";
    DigestStory launch = story("s-launch", english, "en", 3, List.of("en", "zh"), 4, "positive");
    DigestStory chineseOnly = story("s-zh", chinese, "zh", 2, List.of("zh"), 2, null);
    DigestStory older = story("s-older", "Digestco opened an office in Lisbon.", "en-GB", 1, List.of("en-GB"), 1, "neutral");
    CompanySummary withDigest = TestRecords.summary("digestco", 2);
    withDigest.setDigest(digest(List.of(launch, chineseOnly), List.of(launch, chineseOnly, older)));
    records.send(config.topics().companySummary(), "digestco", withDigest);
    records.send(config.topics().companySummary(), "plainco", TestRecords.summary("plainco", 2));
    Poll.until(TIMEOUT, "digestco's digest at the gateway", () -> FeedGatewayHttp.get(gateway, "/v1/companies/digestco"),
        body -> body.contains("\"digest\""));
    String plain = Poll.until(TIMEOUT, "plainco at the gateway", () -> FeedGatewayHttp.get(gateway, "/v1/companies/plainco"),
        body -> body.contains("\"summary\""));
    assertFalse(plain.contains("\"digest\""), plain);

    openCompany("digestco");
    assertTrue(browser.findElement(By.id("digest")).isDisplayed(), "the digest section");
    // Both periods are dated by their end: the end of the digest's hour (asOf 08:00 is the hour to 09:00).
    assertEquals(List.of("24 hours to 2026-03-01 09:00 UTC", "7 days to 2026-03-01 09:00 UTC"), texts("#digest h3"));
    assertEquals(List.of("Articles", "Outlets", "Tone", "Coverage"), texts("#digest-day dt"));
    assertEquals(List.of("5", "4", "positive", "about 2.0x its usual coverage"), texts("#digest-day dd"));
    assertEquals(List.of("12", "6", "neutral"), texts("#digest-week dd"), "the usual is compared for the 24 hours only");
    assertEquals(List.of(
        "s-launch: " + english + " | en | 3 outlets · English and Chinese · 4 reports · positive in tone",
        "s-zh: " + chinese + " | zh | 2 outlets · Chinese · 2 reports"), stories("#digest-day"));
    assertEquals(List.of(
        "s-launch: " + english + " | en | 3 outlets · English and Chinese · 4 reports · positive in tone",
        "s-zh: " + chinese + " | zh | 2 outlets · Chinese · 2 reports",
        "s-older: Digestco opened an office in Lisbon. | en-GB | 1 outlet · English · 1 report · neutral in tone"),
        stories("#digest-week"));

    openCompany("plainco");
    assertFalse(browser.findElement(By.id("digest")).isDisplayed(), "no digest section without a digest");
    assertEquals(0L, js("return document.querySelectorAll('#digest li').length;"));
  }

  @Test
  void anUnknownCompanyGetsAClearPageWithoutEmptySections() {
    open("/company.html?id=nosuchco");
    Poll.until(TIMEOUT, "the page to say so", () -> "missing".equals(browser.findElement(By.tagName("body")).getAttribute("data-loaded")));
    assertEquals("Unknown company", browser.findElement(By.id("name")).getText());
    assertTrue(browser.findElement(By.id("problem")).getText().contains("nosuchco"));
    assertEquals(Boolean.TRUE, js("return Array.from(document.querySelectorAll('main.company section'))"
        + ".every(s => getComputedStyle(s).display === 'none');"), "no empty sections");
  }

  private static void sendActivity(CompanyActivity window) {
    records.send(config.topics().companyActivity(), TestRecords.activityKey(window), window);
  }

  private List<String> ids(String css) {
    Object ids = js("return Array.from(document.querySelectorAll(\"" + css + "\")).map(e => e.dataset.id);");
    return ((List<?>) ids).stream().map(String::valueOf).toList();
  }

  private List<Integer> bars() {
    // Read in one script: the chart is redrawn as articles arrive, which would leave element handles stale.
    Object counts = js("return Array.from(document.querySelectorAll('#chart rect.bar')).map(b => b.getAttribute('data-count'));");
    return ((List<?>) counts).stream().map(c -> Integer.parseInt(String.valueOf(c))).toList();
  }

  /**
   * Each main story of a digest period as one line: its story id, its key sentence's text, its lang attribute,
   * and its outlets, languages, reports and tone as shown. Read in one script, as {@link #bars()}.
   */
  private List<String> stories(String period) {
    Object lines = js("return Array.from(document.querySelectorAll('" + period + " li.story')).map(li => {"
        + " const key = li.querySelector('q');"
        + " return li.dataset.story + ': ' + key.textContent + ' | ' + key.lang + ' | '"
        + " + Array.from(li.querySelectorAll('.meta > span')).map(s => s.textContent).join(' · '); });");
    return ((List<?>) lines).stream().map(String::valueOf).toList();
  }

  private static DigestStory story(String id, String keySentence, String language, int outlets, List<String> languages,
      int reports, String tone) {
    return DigestStory.newBuilder().setStoryId(id).setKeySentence(keySentence).setKeySentenceArticleId(id + "-a1")
        .setKeySentenceLanguage(language).setOutlets(outlets).setLanguages(languages).setReports(reports).setTone(tone)
        .build();
  }

  /** A digest as of the hour 2026-03-01 08:00 UTC: 5 articles in the 24 hours (twice the usual), 12 in the 7 days. */
  private static CompanyDigest digest(List<DigestStory> day, List<DigestStory> week) {
    return CompanyDigest.newBuilder()
        .setAsOf(Instant.parse("2026-03-01T08:00:00Z"))
        .setDay(DigestPeriod.newBuilder().setArticles(5).setOutlets(4).setTone("positive").setStories(day).build())
        .setWeek(DigestPeriod.newBuilder().setArticles(12).setOutlets(6).setTone("neutral").setStories(week).build())
        .setCoverageRatio(2.0)
        .setCoverage("about 2.0x its usual coverage")
        .setText("24 hours to 2026-03-01 09:00 UTC: 5 articles from 4 outlets, positive in tone; about 2.0x its usual coverage.")
        .build();
  }

  private static EnrichedArticle hostile(String id) {
    EnrichedArticle a = TestRecords.article(id, HOSTILE_TITLE, HOSTILE_URL, LATER, "<b onmouseover=\"" + FLAG
        + "='topic'\">t</b>", 0.9, "evilco");
    a.setSource("<svg onload=\"" + FLAG + "='svg'\">");
    return a;
  }

  private static CompanySummary hostileSummary() {
    CompanySummary s = TestRecords.summary("evilco", 1);
    s.setName("<img src=x onerror=\"" + FLAG + "='name'\">");
    s.setLatestHeadlines(List.of(Headline.newBuilder().setArticleId("evil-1").setTitle(HOSTILE_TITLE)
        .setUrl("javascript:" + FLAG + "='headline'").setSource("<script>" + FLAG + "='src'</script>").build()));
    s.setLatestReleases(List.of(ReleaseRef.newBuilder().setId("evil-r").setProduct("<iframe src=\"javascript:" + FLAG
        + "='release'\"></iframe>").setVersion("1.0").setUrl("data:text/html,<script>" + FLAG + "='data'</script>").build()));
    DigestStory story = story("evil-story", HOSTILE_TITLE, HOSTILE_LANGUAGE, 1, List.of(HOSTILE_LANGUAGE), 1, "<b>neutral</b>");
    s.setDigest(digest(List.of(story), List.of(story)));
    return s;
  }

  private void open(String path) {
    browser.get("http://127.0.0.1:" + gateway.port() + path);
  }

  private void openCompany(String id) {
    open("/company.html?id=" + id);
    Poll.until(TIMEOUT, id + "'s page", () -> "yes".equals(browser.findElement(By.tagName("body")).getAttribute("data-loaded")));
  }

  private void awaitLive() {
    Poll.until(TIMEOUT, "the live feed", () -> "live".equals(browser.findElement(By.tagName("body")).getAttribute("data-feed")));
  }

  private void assertNotPwned() {
    assertEquals(Boolean.TRUE, js("return typeof " + FLAG + " === 'undefined';"), "no hostile script ran");
    assertTrue(browser.getCurrentUrl().startsWith("http://127.0.0.1:"), "no link navigated away");
  }

  private List<String> texts(String css) {
    return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
  }

  private Object js(String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }
}
