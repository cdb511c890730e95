package dev.newsflow.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.json.CanonicalJson;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The one shape of every error newsflow's HTTP servers answer: {@code {"error": "<what went wrong, for a
 * person>", "status": <HTTP status>, ...details}}, as {@code application/json}. Errors raised inside
 * Jetty (a malformed request line, headers too large, a stalled request) get the same shape.
 */
public final class JsonErrors {
  public static final String CONTENT_TYPE = "application/json;charset=utf-8";

  private JsonErrors() {}

  public static ObjectNode body(int status, String message, Map<String, Object> details) {
    ObjectNode body = CanonicalJson.mapper().createObjectNode();
    body.put("error", message);
    body.put("status", status);
    details.forEach((field, value) -> body.set(field, CanonicalJson.mapper().valueToTree(value)));
    return body;
  }

  public static byte[] bytes(int status, String message, Map<String, Object> details) {
    try {
      return CanonicalJson.mapper().writeValueAsBytes(body(status, message, details));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Answers {@code error} on {@code ctx}, unless an answer has already gone out. */
  static void answer(Context ctx, HttpError error) {
    if (ctx.res().isCommitted()) {
      return;
    }
    error.headers().forEach(ctx::header);
    ctx.status(error.status()).contentType(CONTENT_TYPE)
        .result(new String(bytes(error.status(), error.getMessage(), error.details()), StandardCharsets.UTF_8));
  }
}
