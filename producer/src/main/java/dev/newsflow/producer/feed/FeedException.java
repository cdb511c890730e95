package dev.newsflow.producer.feed;

/**
 * A document that is not a feed newsflow can read, with a message that says why in terms a user can
 * act on (e.g. "an HTML page, not a feed", "declares a DTD with an internal subset").
 */
public class FeedException extends Exception {
  public FeedException(String message) {
    super(message);
  }

  public FeedException(String message, Throwable cause) {
    super(message, cause);
  }
}
