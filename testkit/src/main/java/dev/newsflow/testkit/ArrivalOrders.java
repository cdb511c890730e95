package dev.newsflow.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Orders in which the same records can arrive, for tests that results do not depend on arrival order: the
 * given order, its reverse, then {@code shuffles} seeded shuffles of it (the same ones on every run).
 */
public final class ArrivalOrders {
  private ArrivalOrders() {}

  public static <T> List<List<T>> of(List<T> order, long seed, int shuffles) {
    List<List<T>> orders = new ArrayList<>();
    orders.add(List.copyOf(order));
    List<T> reversed = new ArrayList<>(order);
    Collections.reverse(reversed);
    orders.add(reversed);
    Random random = new Random(seed);
    for (int i = 0; i < shuffles; i++) {
      List<T> shuffled = new ArrayList<>(order);
      Collections.shuffle(shuffled, random);
      orders.add(shuffled);
    }
    return orders;
  }
}
