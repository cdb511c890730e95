package dev.newsflow.streams.layoutfixture.two;

import dev.newsflow.streams.layoutfixture.one.One;

/** The other half of the deliberate package cycle in {@link One}. */
public final class Two {
  public One other() {
    return null;
  }
}
