package dev.newsflow.streams.layoutfixture.one;

import dev.newsflow.streams.layoutfixture.two.Two;

/** Half of a deliberate package cycle, for PackageLayoutTest to prove its rule can fail. */
public final class One {
  public Two other() {
    return null;
  }
}
