package dev.newsflow.app;

import dev.newsflow.config.NewsflowConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command shares: where the settings come from and which cluster to use. */
public final class ConfigOptions {
  @Option(names = "--config", paramLabel = "FILE", description = "Properties file of settings (see README).")
  Path configFile;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
      description = "Kafka cluster to use (default: bootstrap.servers from the settings).")
  String bootstrapServers;

  @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE",
      description = "Any setting, e.g. -D topic.prefix=acme. or -D kafka.security.protocol=SSL.")
  Map<String, String> settings = new LinkedHashMap<>();

  /** Defaults, then --config, then NEWSFLOW_* environment variables, then flags. */
  public NewsflowConfig load() {
    Map<String, String> overrides = new LinkedHashMap<>(settings);
    if (bootstrapServers != null) {
      overrides.put(NewsflowConfig.BOOTSTRAP_SERVERS, bootstrapServers);
    }
    NewsflowConfig config = NewsflowConfig.load(configFile).with(overrides);
    // A mistyped key would otherwise be silently ignored: say so once, with the nearest known key.
    config.unknownSettings().stream().filter(WARNED::add).forEach(line -> System.err.println("newsflow: " + line));
    return config;
  }

  private static final java.util.Set<String> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** True when the user named a cluster anywhere (flag, file or environment). */
  public static boolean clusterGiven(NewsflowConfig config) {
    return !"default".equals(config.origin(NewsflowConfig.BOOTSTRAP_SERVERS));
  }
}
