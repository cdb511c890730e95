package dev.newsflow.streams.enrich;

/** Why a record was refused by a domain check; the topology routes it to the dead-letter topic. */
public record Rejection(String errorType, String reason) {}
