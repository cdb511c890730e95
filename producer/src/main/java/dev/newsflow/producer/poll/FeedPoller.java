package dev.newsflow.producer.poll;

import dev.newsflow.contract.ArticleContract;
import dev.newsflow.contract.ArticleText;
import dev.newsflow.producer.RecordSink;
import dev.newsflow.producer.feed.Feed;
import dev.newsflow.producer.feed.FeedArticles;
import dev.newsflow.producer.feed.FeedException;
import dev.newsflow.producer.feed.FeedItem;
import dev.newsflow.producer.feed.FeedParser;
import dev.newsflow.producer.feed.NotAFeedException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Polls feeds and publishes their new items as articles. One poll: fetch (conditionally), parse,
 * turn items into articles, publish those not published before, wait for the broker's
 * acknowledgement, and only then remember the items as seen and the validators as current, saving the
 * state file. A crash in between therefore republishes (same ids, dropped downstream as replays); it
 * never loses an item. Failures back off exponentially; 429/503 honour {@code Retry-After}. An HTML page
 * that advertises a feed is followed to that feed once and remembered.
 */
public final class FeedPoller implements AutoCloseable {
  private final List<FeedSubscription> feeds;
  private final FeedFetcher fetcher;
  private final FeedParser parser;
  private final RecordSink sink;
  private final FeedStateStore state;
  private final FeedSettings settings;
  private final Backoff backoff;
  private final Clock clock;
  private final Consumer<PollResult> listener;
  private ScheduledExecutorService scheduler;

  public FeedPoller(List<FeedSubscription> feeds, FeedSettings settings, RecordSink sink, FeedStateStore state,
      Backoff backoff, Clock clock, Consumer<PollResult> listener) {
    this.feeds = List.copyOf(feeds);
    this.settings = settings;
    this.fetcher = new FeedFetcher(settings, clock);
    this.parser = new FeedParser(settings.maxBytes(), FeedParser.DEFAULT_MAX_ITEMS);
    this.sink = sink;
    this.state = state;
    this.backoff = backoff;
    this.clock = clock;
    this.listener = listener;
  }

  public List<FeedSubscription> feeds() {
    return feeds;
  }

  /** Polls every feed once, now, in order (a waiting period from an earlier failure is respected). */
  public List<PollResult> pollAllOnce() {
    List<PollResult> results = new ArrayList<>();
    for (FeedSubscription feed : feeds) {
      PollResult result = poll(feed);
      listener.accept(result);
      results.add(result);
    }
    return results;
  }

  /** Polls each feed on its own schedule with {@code feed.concurrency} threads, until {@link #close()}. */
  public synchronized void start() {
    if (scheduler != null) {
      throw new IllegalStateException("already started");
    }
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(settings.concurrency(), r -> {
      Thread t = new Thread(r, "feed-poller");
      t.setDaemon(true);
      return t;
    });
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    scheduler = executor;
    for (FeedSubscription feed : feeds) {
      executor.schedule(() -> pollAndReschedule(feed), 0, TimeUnit.MILLISECONDS);
    }
  }

  private void pollAndReschedule(FeedSubscription feed) {
    PollResult result;
    try {
      result = poll(feed);
    } catch (RuntimeException e) {
      // A bug must not end a feed's polling for good; it is reported and the feed retried later.
      result = new PollResult(feed, PollResult.Status.FAILED, 0, 0, 0, "unexpected error: " + e, List.of(),
          backoff.after(state.get(key(feed)).snapshot().failures() + 1));
    }
    listener.accept(result);
    ScheduledExecutorService executor = scheduler;
    if (executor != null && !executor.isShutdown()) {
      executor.schedule(() -> pollAndReschedule(feed), result.nextPoll().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** One poll of {@code feed}. */
  public PollResult poll(FeedSubscription feed) {
    FeedState st = state.get(key(feed));
    FeedState.Snapshot last = st.snapshot();
    Instant now = clock.instant();
    if (last.notBefore() != null && now.isBefore(last.notBefore())) {
      return new PollResult(feed, PollResult.Status.WAITING, 0, 0, 0, last.lastError(), List.of(),
          Duration.between(now, last.notBefore()));
    }
    URI url = last.discoveredUrl() != null ? URI.create(last.discoveredUrl()) : feed.url();
    return fetchAndPublish(feed, st, url, now, true);
  }

  private PollResult fetchAndPublish(FeedSubscription feed, FeedState st, URI url, Instant now, boolean mayDiscover) {
    FeedState.Snapshot last = st.snapshot();
    FeedFetcher.Result fetched = fetcher.fetch(url, last.etag(), last.lastModified());
    if (fetched instanceof FeedFetcher.NotModified) {
      st.succeeded();
      state.save();
      return new PollResult(feed, PollResult.Status.NOT_MODIFIED, 0, 0, 0, null, List.of(), feed.interval());
    }
    if (fetched instanceof FeedFetcher.RetryLater later) {
      Duration wait = later.delay() != null ? later.delay() : backoff.after(last.failures() + 1);
      return failed(feed, st, PollResult.Status.RETRY_LATER, later.reason(), wait, now);
    }
    if (fetched instanceof FeedFetcher.Failed failure) {
      return failed(feed, st, PollResult.Status.FAILED, failure.reason(), backoff.after(last.failures() + 1), now);
    }
    FeedFetcher.Fetched body = (FeedFetcher.Fetched) fetched;
    Feed parsed;
    try {
      parsed = parser.parse(body.body(), body.contentType(), body.url());
    } catch (NotAFeedException page) {
      if (mayDiscover && !page.advertisedFeeds().isEmpty()) {
        URI advertised = body.url().resolve(page.advertisedFeeds().get(0));
        st.discoveredUrl(advertised.toString());
        st.validators(null, null);
        PollResult result = fetchAndPublish(feed, st, advertised, now, false);
        List<String> notes = new ArrayList<>(result.notes());
        notes.add(0, url + " is an HTML page; following the feed it advertises, " + advertised);
        return new PollResult(result.feed(), result.status(), result.published(), result.alreadySeen(),
            result.rejected(), result.error(), notes, result.nextPoll());
      }
      return failed(feed, st, PollResult.Status.FAILED, url + " is " + page.getMessage(),
          backoff.after(last.failures() + 1), now);
    } catch (FeedException e) {
      return failed(feed, st, PollResult.Status.FAILED, e.getMessage(), backoff.after(last.failures() + 1), now);
    }
    List<String> notes = new ArrayList<>(parsed.warnings());
    Set<String> published = new LinkedHashSet<>();
    int alreadySeen = 0;
    int rejected = 0;
    for (FeedItem item : parsed.items()) {
      FeedArticles.Result article = FeedArticles.toArticle(parsed, item, body.url(), feed.url().toString(), now);
      article.notes().forEach(n -> notes.add(itemName(item) + ": " + n));
      if (article.isRejected()) {
        rejected++;
        notes.add(itemName(item) + ": rejected: " + article.rejection());
        continue;
      }
      // The contract every door applies, judged at this poll: an item dated too far ahead is not published,
      // nor remembered as seen, so the first poll that reads the feed once its date is near publishes it.
      var verdict = ArticleContract.check(article.article(), now, settings.maxFuture());
      if (!verdict.accepted()) {
        rejected++;
        notes.add(itemName(item) + ": rejected: " + verdict.first().orElseThrow());
        continue;
      }
      String id = article.article().getId();
      if (st.hasSeen(id) || published.contains(id)) {
        alreadySeen++;
        continue;
      }
      sink.article(article.article());
      published.add(id);
    }
    try {
      sink.flush();
    } catch (RuntimeException e) {
      // Nothing is marked seen: the next poll publishes these items again.
      return failed(feed, st, PollResult.Status.FAILED, e.getMessage(), backoff.after(last.failures() + 1), now);
    }
    st.markSeen(published, settings.seenPerFeed());
    st.validators(body.etag(), body.lastModified());
    st.succeeded();
    state.save();
    return new PollResult(feed, PollResult.Status.READ, published.size(), alreadySeen, rejected, null, notes,
        feed.interval());
  }

  private PollResult failed(FeedSubscription feed, FeedState st, PollResult.Status status, String error,
      Duration wait, Instant now) {
    st.failed(error, now.plus(wait));
    state.save();
    return new PollResult(feed, status, 0, 0, 0, error, List.of(), wait);
  }

  private static String itemName(FeedItem item) {
    String name = item.guid() != null ? item.guid() : item.link() != null ? item.link() : item.title();
    if (name == null) {
      return "an item";
    }
    name = name.strip();
    return "item '" + ArticleText.truncate(name, 80) + "'";
  }

  private static String key(FeedSubscription feed) {
    return feed.url().toString();
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(settings.requestTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      scheduler = null;
    }
  }
}
