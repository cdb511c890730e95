package dev.newsflow.streams.aggregate.activity;

import java.util.Map;

/**
 * The articles of one company's window, by article id (a revision has replaced its earlier version), as
 * {@link ActivityWindows} gathers them from the window's hours. {@code updatedAt}: event time of the
 * newest change, {@code Long.MIN_VALUE} when none.
 */
public record ActivityAccumulator(Map<String, WindowArticle> articles, long updatedAt) {}
