package dev.newsflow.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.newsflow.config.ConfigException;
import dev.newsflow.config.NewsflowConfig;
import dev.newsflow.metrics.StageMetrics;
import org.junit.jupiter.api.Test;

class AdminServerTest {
  @Test
  void aPortOutOfRangeNamesTheSettingNotTheServer() {
    NewsflowConfig config = NewsflowConfig.defaults().with(AdminServer.PORT, "99999");
    ConfigException e = assertThrows(ConfigException.class,
        () -> AdminServer.startIfConfigured(config, StageMetrics.newRegistry(), Health::up));
    assertEquals("metrics.port (from command line): must be from 0 to 65535, got 99999", e.getMessage());
  }
}
