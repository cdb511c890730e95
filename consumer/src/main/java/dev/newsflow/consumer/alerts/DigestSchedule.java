package dev.newsflow.consumer.alerts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;

/**
 * A subscription's daily digests: the companies whose digest it receives, each day at {@code at} in
 * {@code zone}. A day's digest is due from that moment until the day ends there, so a dispatcher that was
 * down at the time still sends it when it comes back the same day.
 */
public record DigestSchedule(Set<String> companies, LocalTime at, ZoneId zone) {
  public DigestSchedule {
    companies = Set.copyOf(companies);
    if (companies.isEmpty()) {
      throw new IllegalArgumentException("a digest schedule needs at least one company");
    }
  }

  /** The local date whose digest is due at {@code now}: today once {@code at} has passed, else none. */
  public Optional<LocalDate> due(Instant now) {
    ZonedDateTime local = now.atZone(zone);
    return local.toLocalTime().isBefore(at) ? Optional.empty() : Optional.of(local.toLocalDate());
  }
}
