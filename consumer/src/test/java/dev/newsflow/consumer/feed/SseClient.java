package dev.newsflow.consumer.feed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real Server-Sent Events client over the JDK's HTTP client: collects the events of one connection. */
final class SseClient implements AutoCloseable {
  /** One event as the client saw it. */
  record Event(String id, String type, String data) {}

  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final List<String> comments = new CopyOnWriteArrayList<>();
  private final Thread reader;
  private final int status;
  private volatile InputStream body;
  private volatile boolean ended;

  SseClient(URI uri, String lastEventId) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request.build(),
        HttpResponse.BodyHandlers.ofInputStream());
    status = response.statusCode();
    body = response.body();
    reader = new Thread(this::read, "sse-client");
    reader.setDaemon(true);
    reader.start();
  }

  int status() {
    return status;
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String id = null;
      String type = null;
      List<String> data = new ArrayList<>();
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            events.add(new Event(id, type == null ? "message" : type, String.join("\n", data)));
          }
          id = null;
          type = null;
          data.clear();
        } else if (line.startsWith(":")) {
          comments.add(line);
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("event: ")) {
          type = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.add(line.substring(6));
        }
      }
    } catch (IOException e) {
      // closed by the test or by the server
    } finally {
      ended = true;
    }
  }

  List<Event> events() {
    return List.copyOf(events);
  }

  List<Event> articles() {
    return events.stream().filter(e -> e.type().equals("article")).toList();
  }

  List<String> comments() {
    return List.copyOf(comments);
  }

  boolean ended() {
    return ended;
  }

  @Override
  public void close() throws IOException {
    body.close();
  }
}
