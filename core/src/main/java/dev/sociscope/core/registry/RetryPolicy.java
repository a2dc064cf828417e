package dev.sociscope.core.registry;

import java.time.Duration;

/**
 * How often and how long to wait before retrying 429, 5xx and cut connections: exponential backoff from
 * {@code initialDelay} up to {@code maxDelay}, at most {@code maxRetries} retries; a {@code Retry-After} header wins
 * but is capped at {@code maxRetryAfter}.
 */
public record RetryPolicy(int maxRetries, Duration initialDelay, Duration maxDelay, Duration maxRetryAfter) {
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(60));
  public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
    }
  }

  /** The wait before retry number {@code attempt} (0 = first retry). */
  public Duration backoff(int attempt) {
    long ms = initialDelay.toMillis() << Math.min(attempt, 20);
    return Duration.ofMillis(Math.min(ms, maxDelay.toMillis()));
  }

  /** The wait asked for by a Retry-After value (seconds), capped; null when the value is missing or a date. */
  public Duration retryAfter(String header) {
    if (header == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.trim());
      Duration d = Duration.ofSeconds(Math.max(0, seconds));
      return d.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : d;
    } catch (NumberFormatException e) {
      return null; // an HTTP date: fall back to our own backoff
    }
  }
}
