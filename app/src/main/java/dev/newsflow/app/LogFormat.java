package dev.newsflow.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * How log lines are written: {@code text} (readable, the default, from {@code logback.xml}) or
 * {@code json} (one object per line from Logback's {@code JsonEncoder}, {@code logback-json.xml}).
 * Chosen with {@code --log-format} or {@code NEWSFLOW_LOG_FORMAT}; the flag wins.
 */
enum LogFormat {
  TEXT("/logback.xml"),
  JSON("/logback-json.xml");

  static final String ENVIRONMENT = "NEWSFLOW_LOG_FORMAT";

  private final String resource;

  LogFormat(String resource) {
    this.resource = resource;
  }

  static LogFormat parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown log format '" + value + "': expected text or json");
    }
  }

  /** Reconfigures Logback for this format; the text format is Logback's own start-up configuration. */
  void apply() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another SLF4J binding (a test harness): leave its configuration alone
    }
    URL config = LogFormat.class.getResource(resource);
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(config);
    } catch (JoranException e) {
      throw new IllegalStateException("cannot configure logging from " + resource + ": " + e.getMessage(), e);
    }
  }
}
