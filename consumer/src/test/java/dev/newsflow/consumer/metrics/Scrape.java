package dev.newsflow.consumer.metrics;

import dev.newsflow.http.NewsflowHttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** {@code GET /metrics} of a running server, as Prometheus would scrape it. */
public final class Scrape {
  private Scrape() {}

  public static String metrics(NewsflowHttpServer server) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
          + NewsflowHttpServer.METRICS_PATH)).build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      throw new IllegalStateException("cannot scrape " + server.port(), e);
    }
  }
}
