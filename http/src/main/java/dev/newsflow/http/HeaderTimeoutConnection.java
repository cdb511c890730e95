package dev.newsflow.http;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;

/**
 * An HTTP/1.1 connection that waits at most the header timeout for a request's headers. Jetty alone closes
 * such a connection without a word; a client that sent part of its headers and then stalled gets a 408
 * with the JSON error body first, so that it (and its operator) can tell a timeout from a crash. A
 * connection idle between requests is closed quietly, as any keep-alive connection is.
 */
final class HeaderTimeoutConnection extends HttpConnection {
  private final String server;
  private final Duration headerTimeout;
  private final Logger accessLog;

  private HeaderTimeoutConnection(HttpConfiguration configuration, Connector connector, EndPoint endPoint,
      String server, Duration headerTimeout, Logger accessLog) {
    super(configuration, connector, endPoint);
    this.server = server;
    this.headerTimeout = headerTimeout;
    this.accessLog = accessLog;
  }

  /** Makes these connections, each starting with the header timeout as its idle timeout. */
  static HttpConnectionFactory factory(HttpConfiguration configuration, String server, Duration headerTimeout,
      Logger accessLog) {
    return new HttpConnectionFactory(configuration) {
      @Override
      public org.eclipse.jetty.io.Connection newConnection(Connector connector, EndPoint endPoint) {
        endPoint.setIdleTimeout(headerTimeout.toMillis());
        return configure(new HeaderTimeoutConnection(getHttpConfiguration(), connector, endPoint, server, headerTimeout,
            accessLog), connector, endPoint);
      }
    };
  }

  @Override
  public boolean onIdleExpired(TimeoutException timeout) {
    if (getHttpChannel().getRequest() != null || getParser().isStart()) {
      return super.onIdleExpired(timeout); // a request under way, or nothing begun: Jetty's own handling
    }
    byte[] body = JsonErrors.bytes(408, "the request headers did not arrive within " + headerTimeout.toSeconds()
        + " s", Map.of());
    byte[] head = ("HTTP/1.1 408 Request Timeout\r\nContent-Type: " + JsonErrors.CONTENT_TYPE + "\r\nContent-Length: "
        + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    EndPoint endPoint = getEndPoint();
    accessLog.info("{} {} - - 408 {} B {} ms", server, client(endPoint), body.length,
        headerTimeout.toMillis());
    endPoint.write(Callback.from(endPoint::close, endPoint::close), ByteBuffer.wrap(head), ByteBuffer.wrap(body));
    return false; // closed once the answer is written
  }

  private static String client(EndPoint endPoint) {
    return endPoint.getRemoteSocketAddress() instanceof InetSocketAddress address
        ? address.getAddress().getHostAddress() : String.valueOf(endPoint.getRemoteSocketAddress());
  }
}
