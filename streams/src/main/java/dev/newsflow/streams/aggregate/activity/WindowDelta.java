package dev.newsflow.streams.aggregate.activity;

import dev.newsflow.streams.event.SourcePosition;

/**
 * One change to the windows of one company, at one event time: {@code article} counted under
 * {@code articleId}, or (when null) withdrawn. {@link ActivityLateness} sets whether the change
 * misses closed windows: its 1-hour window ({@code missesHour}) or even the newest 24-hour window
 * that would hold it ({@code missesDay}).
 */
public record WindowDelta(
    String articleId,
    WindowArticle article,
    long eventTime,
    long streamTime,
    boolean missesHour,
    boolean missesDay,
    SourcePosition position) {}
