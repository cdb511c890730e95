package dev.newsflow.app;

import dev.newsflow.config.NewsflowConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * A command that runs with newsflow's settings: it takes the options every command shares
 * ({@link ConfigOptions}), loads the settings from them first, and hands them to {@link #run}.
 */
abstract class ConfiguredCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;

  @Override
  public final Integer call() throws Exception {
    return run(options.load());
  }

  /** Does the command's work with the loaded settings; returns the exit status. */
  abstract int run(NewsflowConfig config) throws Exception;
}
