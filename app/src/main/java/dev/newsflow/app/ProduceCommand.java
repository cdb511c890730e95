package dev.newsflow.app;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.producer.JsonLinesSink;
import dev.newsflow.producer.KafkaRecordSink;
import dev.newsflow.producer.RecordSink;
import dev.newsflow.producer.poll.Backoff;
import dev.newsflow.producer.poll.FeedList;
import dev.newsflow.producer.poll.FeedPoller;
import dev.newsflow.producer.poll.FeedSettings;
import dev.newsflow.producer.poll.FeedStateStore;
import dev.newsflow.producer.poll.FeedSubscription;
import dev.newsflow.producer.poll.PollResult;
import dev.newsflow.http.NewsflowHttpServer;
import dev.newsflow.metrics.StageMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Polls RSS, Atom and JSON feeds and publishes their new items as articles. */
@Command(name = "produce", mixinStandardHelpOptions = true,
    description = {
        "Poll feeds (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.0/1.1) and publish new items to Kafka.",
        "Feeds come from --feeds FILE (one 'URL [INTERVAL]' per line, or an OPML export) and --feed URL;",
        "a page URL is followed to the feed it advertises. What was published is remembered in a state",
        "file (feed.state.dir), so a restart publishes nothing twice. Runs until Ctrl-C unless --once."})
final class ProduceCommand extends ConfiguredCommand {
  /** One state for every feed, kept per feed URL: however a feed is named (--feed, a list, OPML). */
  static final String FEED_STATE_FILE = "feeds.json";

  @Option(names = "--feeds", paramLabel = "FILE", description = "A feed list: 'URL [INTERVAL]' per line, or OPML.")
  List<Path> feedLists = new ArrayList<>();

  @Option(names = "--feed", paramLabel = "URL", description = "A feed (or a page that advertises one); repeatable.")
  List<String> feedUrls = new ArrayList<>();

  @Option(names = "--once", description = "Poll every feed once and exit (status 0 when every feed was read).")
  boolean once;

  @Option(names = "--state", paramLabel = "FILE",
      description = "The state file (default: feeds.json under feed.state.dir, shared by every feed list).")
  Path stateFile;

  @Option(names = "--dry-run", description = "Print new items as canonical JSON instead of publishing; the state "
      + "file is not changed.")
  boolean dryRun;

  @Option(names = {"-v", "--verbose"}, description = "Also print repairs made to feeds.")
  boolean verbose;

  @Override
  int run(NewsflowConfig config) throws Exception {
    FeedSettings settings = FeedSettings.from(config);
    List<FeedSubscription> feeds = subscriptions(settings);
    if (feeds.isEmpty()) {
      throw new IllegalArgumentException("no feeds: give --feeds FILE or --feed URL");
    }
    Path state = stateFile != null ? stateFile : settings.stateDir().resolve(FEED_STATE_FILE);
    FeedStateStore store = dryRun ? FeedStateStore.inMemory(state, Console::say) : FeedStateStore.open(state, Console::say);
    PrometheusMeterRegistry registry = StageMetrics.newRegistry();
    KafkaCluster cluster = dryRun ? null : KafkaCluster.open(config);
    RecordSink sink = dryRun ? new JsonLinesSink(Console.records(true))
        : new KafkaRecordSink(cluster.publisher(registry, "produce"), config.topics());
    FeedPoller poller = new FeedPoller(feeds, settings, sink, store,
        new Backoff(settings.backoffInitial(), settings.backoffMax(), new Random()), Clock.systemUTC(), this::report);
    Console.say("polling " + feeds.size() + (feeds.size() == 1 ? " feed" : " feeds")
        + (dryRun ? " (dry run)" : "") + "; state in " + state);
    try {
      if (once) {
        List<PollResult> results = poller.pollAllOnce();
        return results.stream().allMatch(PollResult::ok) ? 0 : 1;
      }
      poller.start();
      NewsflowHttpServer admin = StageAdmin.start(config, registry, () -> null);
      UntilStopped.await("produce", admin, poller, cluster);
      return 0;
    } finally {
      if (once) {
        poller.close();
        if (cluster != null) {
          cluster.close();
        }
      }
    }
  }

  private List<FeedSubscription> subscriptions(FeedSettings settings) {
    Map<URI, FeedSubscription> feeds = new LinkedHashMap<>();
    for (Path list : feedLists) {
      for (FeedSubscription feed : FeedList.read(list, settings.interval())) {
        feeds.putIfAbsent(feed.url(), feed);
      }
    }
    for (String url : feedUrls) {
      URI uri = FeedList.parseUrl(url, "--feed");
      feeds.putIfAbsent(uri, new FeedSubscription(uri, settings.interval()));
    }
    return new ArrayList<>(feeds.values());
  }

  private void report(PollResult result) {
    for (String note : result.notes()) {
      boolean repair = !note.startsWith("item ") && !note.contains(" is an HTML page");
      if (verbose || !repair) {
        System.err.println(result.feed() + ": note: " + note);
      }
    }
    Console.say(result.summary(!once));
  }
}
