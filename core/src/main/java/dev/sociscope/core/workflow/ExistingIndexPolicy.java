package dev.sociscope.core.workflow;

import java.util.Locale;

/**
 * What {@code convert} does when the image already has SOCI artifacts (the source is SOCI-enabled, or the
 * destination tag already holds a SOCI-enabled image), as upstream's {@code --existing-index} flag.
 */
public enum ExistingIndexPolicy {
  /** Say so, then convert anyway (the default). */
  WARN,
  /** Say so and write nothing. */
  SKIP,
  /** Convert without a word. */
  ALLOW;

  /** {@code warn}, {@code skip} or {@code allow}. */
  public static ExistingIndexPolicy parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--existing-index takes warn, skip or allow, not '" + text + "'");
    }
  }
}
