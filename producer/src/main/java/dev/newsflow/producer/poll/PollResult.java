package dev.newsflow.producer.poll;

import java.time.Duration;
import java.util.List;

/**
 * What one poll of one feed did: {@code published} new items, {@code alreadySeen} skipped as published
 * before, {@code rejected} items that could not become articles; {@code notes} say what was repaired or
 * replaced; {@code nextPoll} is when the feed is due again.
 */
public record PollResult(FeedSubscription feed, Status status, int published, int alreadySeen, int rejected,
    String error, List<String> notes, Duration nextPoll) {

  /** How the poll ended. */
  public enum Status {
    /** The feed was downloaded and read (possibly with nothing new). */
    READ,
    /** 304: unchanged since the last poll. */
    NOT_MODIFIED,
    /** Not polled: an earlier failure or Retry-After asked to wait. */
    WAITING,
    /** 429/503: the server asked to come back later. */
    RETRY_LATER,
    FAILED
  }

  public boolean ok() {
    return status == Status.READ || status == Status.NOT_MODIFIED || status == Status.WAITING;
  }

  /** One line for the log, for a poller that polls again ({@code repeating}) or for a single round. */
  public String summary(boolean repeating) {
    String next = repeating ? "retrying in " + nextPoll.toSeconds() + " s"
        : "not retried (--once); a later run waits " + nextPoll.toSeconds() + " s before polling it again";
    return switch (status) {
      case READ -> feed + ": " + published + " new, " + alreadySeen + " already published"
          + (rejected > 0 ? ", " + rejected + " rejected" : "");
      case NOT_MODIFIED -> feed + ": not modified";
      case WAITING -> feed + ": not polled: waiting " + nextPoll.toSeconds() + " s after the last failure (" + error + ")";
      case RETRY_LATER, FAILED -> feed + ": " + error + "; " + next;
    };
  }
}
