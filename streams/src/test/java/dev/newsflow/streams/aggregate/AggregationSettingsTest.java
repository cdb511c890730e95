package dev.newsflow.streams.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.newsflow.config.ConfigException;
import dev.newsflow.config.NewsflowConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AggregationSettingsTest {
  @Test
  void theLiveIntervalIsReadFromTheConfigurationAndDefaultsToOneSecond() {
    assertEquals(Duration.ofSeconds(1), AggregationSettings.from(NewsflowConfig.builder().build()).liveInterval());
    NewsflowConfig five = NewsflowConfig.builder().set(AggregationSettings.LIVE_INTERVAL, "5s").build();
    assertEquals(Duration.ofSeconds(5), AggregationSettings.from(five).liveInterval());
  }

  @Test
  void aLiveIntervalOutsideItsBoundsIsRefusedNamingTheKey() {
    for (String bad : new String[] {"50ms", "11m"}) {
      NewsflowConfig config = NewsflowConfig.builder().set(AggregationSettings.LIVE_INTERVAL, bad).build();
      ConfigException e = assertThrows(ConfigException.class, () -> AggregationSettings.from(config));
      assertTrue(e.getMessage().contains("activity.live.interval must be between 100ms and 10m"), e.getMessage());
    }
  }
}
