package dev.newsflow.http;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Reads a request body up to a limit. A body that stops arriving for the server's idle timeout is answered
 * 408; one over the limit (declared, or found while reading a chunked upload) is answered 413 with the
 * JSON error body. The 413 goes out before the rest of the body is read and thrown away (up to
 * {@link #DISCARD_LIMIT} more bytes): a client still sending then reads the answer instead of a reset
 * connection, as HTTP intends.
 */
public final class RequestBody {
  /** The most bytes of an oversized body read and thrown away so that its sender can read the 413. */
  public static final long DISCARD_LIMIT = 64L * 1024 * 1024;

  private RequestBody() {}

  /** The whole body; {@link HttpError} 408 or 413 as above. */
  public static byte[] read(Context ctx, int limit, Duration idleTimeout) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > limit) {
      throw refuseAndDiscard(ctx, HttpError.tooLarge("the body is " + declared + " bytes; the limit is " + limit, limit));
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
    byte[] buffer = new byte[8192];
    try {
      InputStream in = ctx.req().getInputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        body.write(buffer, 0, n);
        if (body.size() > limit) {
          throw refuseAndDiscard(ctx, HttpError.tooLarge("the body is larger than the limit of " + limit + " bytes", limit));
        }
      }
      return body.toByteArray();
    } catch (IOException e) {
      if (isTimeout(e)) {
        throw HttpError.requestTimeout("the request body stopped arriving: nothing for " + idleTimeout.toSeconds()
            + " s after " + body.size() + " bytes");
      }
      throw new UncheckedIOException("the client went away while sending its body", e);
    }
  }

  /** Sends {@code error} now, then reads what remains of the body (bounded) and drops it. */
  private static HttpError refuseAndDiscard(Context ctx, HttpError error) {
    HttpServletResponse response = ctx.res();
    try {
      error.headers().forEach(response::setHeader);
      byte[] json = JsonErrors.bytes(error.status(), error.getMessage(), error.details());
      response.setStatus(error.status());
      response.setContentType(JsonErrors.CONTENT_TYPE);
      response.setContentLength(json.length);
      response.getOutputStream().write(json);
      response.flushBuffer();
      InputStream in = ctx.req().getInputStream();
      byte[] buffer = new byte[64 * 1024];
      long discarded = 0;
      int n;
      while (discarded < DISCARD_LIMIT && (n = in.read(buffer)) >= 0) {
        discarded += n;
      }
    } catch (IOException e) {
      // the client stopped sending or went away: the answer is already out, the connection closes
    }
    return error;
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException) {
        return true;
      }
    }
    return false;
  }

}
