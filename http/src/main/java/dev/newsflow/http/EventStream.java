package dev.newsflow.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;

/**
 * A Server-Sent Events response written by the handler's own thread: events, comments and the
 * {@code retry} hint, each flushed at once. {@link #clientGone()} tells within a moment that the client
 * closed its connection, without writing: the stream can end (and stop counting as a client) at once
 * instead of at its next write, which for a quiet feed is the next heartbeat.
 */
public final class EventStream {
  public static final String CONTENT_TYPE = "text/event-stream; charset=utf-8";

  private final OutputStream out;
  private final EndPoint endPoint;
  private final ByteBuffer probe = BufferUtil.allocate(512);

  private EventStream(OutputStream out, EndPoint endPoint) {
    this.out = out;
    this.endPoint = endPoint;
  }

  /** Answers 200 with the event-stream headers, sent at once; the connection closes when the stream ends. */
  public static EventStream open(Context ctx) throws IOException {
    ctx.status(200);
    ctx.header("Content-Type", CONTENT_TYPE);
    ctx.header("Cache-Control", "no-cache");
    ctx.header("X-Accel-Buffering", "no"); // proxies such as nginx must pass events on as they come
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Connection", "close"); // a stream that ended is not reused
    ctx.res().flushBuffer();
    EndPoint endPoint = ServletContextRequest.getServletContextRequest(ctx.req())
        .getConnectionMetaData().getConnection().getEndPoint();
    return new EventStream(ctx.res().getOutputStream(), endPoint);
  }

  /** How long a client should wait before reconnecting after the stream breaks. */
  public void retry(Duration delay) throws IOException {
    write("retry: " + delay.toMillis() + "\n\n");
  }

  /** One event; {@code id} may be null. {@code data} must be a single line (JSON is). */
  public void event(String id, String type, String data) throws IOException {
    write((id == null ? "" : "id: " + id + "\n") + "event: " + type + "\ndata: " + data + "\n\n");
  }

  /** A comment line, which clients ignore: keeps idle connections (and the proxies between) open. */
  public void comment(String text) throws IOException {
    write(": " + text + "\n\n");
  }

  /**
   * True once the client has closed its side or the connection broke. Reads without blocking: a GET has
   * no body, so anything the client sends after its request is dropped.
   */
  public boolean clientGone() {
    try {
      BufferUtil.clear(probe);
      return !endPoint.isOpen() || endPoint.fill(probe) < 0;
    } catch (IOException e) {
      return true;
    }
  }

  private void write(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
