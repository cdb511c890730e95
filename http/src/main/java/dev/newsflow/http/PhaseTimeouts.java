package dev.newsflow.http;

import java.time.Duration;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Switches a connection between its two timeouts: the idle timeout while a request is being handled
 * (its body read, its response written), the header timeout while the connection waits for the next
 * request's headers.
 */
final class PhaseTimeouts extends Handler.Wrapper {
  private final Duration headerTimeout;
  private final Duration idleTimeout;

  PhaseTimeouts(Duration headerTimeout, Duration idleTimeout) {
    this.headerTimeout = headerTimeout;
    this.idleTimeout = idleTimeout;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
    endPoint.setIdleTimeout(idleTimeout.toMillis());
    return super.handle(request, response, Callback.from(callback, () -> endPoint.setIdleTimeout(headerTimeout.toMillis())));
  }
}
