package dev.newsflow.app;

import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.consumer.tail.TopicTail;
import dev.newsflow.contract.CompanyIds;
import dev.newsflow.topic.Topics;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints a newsflow topic as canonical JSON lines. */
@Command(name = "tail", mixinStandardHelpOptions = true, modelTransformer = TailCommand.TopicsInHelp.class,
    description = {"Print a newsflow topic as canonical JSON, one record per line.",
        "For example: newsflow tail articles.enriched --filter company=bytedance"})
final class TailCommand extends ConfiguredCommand {
  @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic, e.g. articles.enriched.")
  String topic;

  @Option(names = "--from-beginning", description = "Start at the oldest record instead of the next new one.")
  boolean fromBeginning;

  @Option(names = "--filter", paramLabel = "company=ID", description = "Only records about this company.")
  Map<String, String> filter = new LinkedHashMap<>();

  @Option(names = "--with-metadata", description = "Wrap each record with its topic, partition, offset, key and timestamp.")
  boolean withMetadata;

  @Spec CommandSpec spec;

  /** 0: no --max, no limit. */
  long max;

  @Option(names = "--max", paramLabel = "N", description = "Stop after N records (1 or more; default: no limit).")
  void max(long n) {
    if (n < 1) { // before, 0 (or less) meant no limit, which a script asking for "at most 0" never wants
      throw new ParameterException(spec.commandLine(), "--max takes a number of records, 1 or more, got " + n
          + " (leave --max out for no limit)");
    }
    max = n;
  }

  @Option(names = "--until-end", description = "Stop at the end of what the topic holds now (for scripts).")
  boolean untilEnd;

  @Override
  int run(NewsflowConfig config) {
    if (!Set.of("company").containsAll(filter.keySet())) {
      throw new IllegalArgumentException("--filter takes company=ID, got " + filter.keySet());
    }
    String company = filter.get("company");
    if (company != null) { // an id no record can carry would print nothing, and wait for ever
      CompanyIds.violation(company).ifPresent(problem -> {
        throw new ParameterException(spec.commandLine(), "--filter company='" + company + "': a company id " + problem);
      });
    }
    TopicTail.resolve(config.topics(), topic); // a wrong name is told before any wait for the cluster
    KafkaCluster.open(config).close();
    TopicTail tail = new TopicTail(config, TopicTail.resolve(config.topics(), topic),
        new TopicTail.Options(fromBeginning, filter.get("company"), withMetadata, max, untilEnd));
    Thread hook = new Thread(tail::close, "tail-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    tail.run(new PrintStream(System.out, false, StandardCharsets.UTF_8), System.err);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // Ctrl-C: the hook is running
    }
    return 0;
  }

  /**
   * Ends the description with the registry's topics (an annotation takes constants only), so that the help
   * names every one of them; broken into lines between names, as the help would break one at a dot.
   */
  static final class TopicsInHelp implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      List<String> lines = new ArrayList<>(List.of(spec.usageMessage().description()));
      StringBuilder line = new StringBuilder("Topics:");
      for (String name : TopicTail.names(Topics.defaults())) {
        if (line.length() + name.length() + 2 > spec.usageMessage().width()) {
          lines.add(line.toString());
          line.setLength(0);
        } else {
          line.append(' ');
        }
        line.append(name).append(',');
      }
      line.setLength(line.length() - 1);
      lines.add(line.toString());
      lines.add("(the configured topic.prefix is added).");
      spec.usageMessage().description(lines.toArray(String[]::new));
      return spec;
    }
  }
}
