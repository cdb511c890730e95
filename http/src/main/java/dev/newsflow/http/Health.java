package dev.newsflow.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A stage's state as its health endpoints report it. {@code UP}: working and ready for traffic;
 * {@code STARTING}: alive but not ready yet (catching up, rebalancing); {@code DOWN}: broken, restart it.
 * {@code /health/live} answers 200 unless DOWN, {@code /health/ready} only when UP, {@code /health} like
 * liveness with the details in its JSON body.
 *
 * @param details stage-specific facts added to the {@code /health} body (e.g. the Kafka Streams state)
 */
public record Health(Status status, Map<String, Object> details) {
  /** From best to worst, so that combining checks keeps the worst. */
  public enum Status { UP, STARTING, DOWN }

  public Health {
    details = Map.copyOf(details);
  }

  public static Health up() {
    return new Health(Status.UP, Map.of());
  }

  public boolean live() {
    return status != Status.DOWN;
  }

  public boolean ready() {
    return status == Status.UP;
  }

  /** Both checks' details, and the worse of the two states. */
  public Health and(Health other) {
    Map<String, Object> all = new LinkedHashMap<>(details);
    all.putAll(other.details);
    return new Health(status.compareTo(other.status) >= 0 ? status : other.status, all);
  }

  /** How a stage tells its health; called on every health request, so it must be cheap. */
  @FunctionalInterface
  public interface Check {
    Health check();
  }
}
