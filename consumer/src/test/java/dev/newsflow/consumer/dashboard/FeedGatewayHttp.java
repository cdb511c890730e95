package dev.newsflow.consumer.dashboard;

import dev.newsflow.consumer.feed.FeedGateway;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain GETs against a running gateway. */
final class FeedGatewayHttp {
  private FeedGatewayHttp() {}

  static String get(FeedGateway gateway, String path) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
          .build(), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
