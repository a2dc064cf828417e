package dev.sociscope.core.testing;

import java.util.List;
import java.util.Random;

/**
 * Randomized (property) tests with plain JUnit 5: run one check on many random cases, reproducibly.
 *
 * <pre>{@code
 * @Test
 * void anyBytesSurviveDecodeAndEncode() {
 *   RandomCases.run("any bytes survive decode and encode", 2000, random -> {
 *     byte[] bytes = RandomCases.bytes(random, 255);
 *     assertThat(RawText.encode(RawText.decode(bytes))).isEqualTo(bytes);
 *   });
 * }
 * }</pre>
 *
 * <p>Each case gets its own {@link Random}, seeded from the base seed and the case number, so every run of the
 * build sees the same cases. Case 0 uses the base seed itself: that is why the seed named in a failure reruns
 * exactly the failing case with {@code -Dsociscope.seed=<seed> -Dsociscope.fuzz.tries=1}.
 *
 * <p>System properties (read at each {@link #run}):
 * <ul>
 *   <li>{@code sociscope.seed}: the base seed (decimal or {@code 0x} hex; default {@value #DEFAULT_SEED}). Set it
 *       to another value to explore new cases.
 *   <li>{@code sociscope.fuzz.tries}: the number of cases for every property, overriding each property's default
 *       (for long runs, e.g. {@code 200000}).
 * </ul>
 *
 * <p>There is no shrinking: bodies that build big inputs should say in their assertion messages what they built.
 */
public final class RandomCases {
  public static final long DEFAULT_SEED = 20_251_127L;
  public static final String SEED_PROPERTY = "sociscope.seed";
  public static final String TRIES_PROPERTY = "sociscope.fuzz.tries";

  /** One case of a property; it may throw anything, which fails the property. */
  @FunctionalInterface
  public interface Body {
    void check(Random random) throws Exception;
  }

  private RandomCases() {}

  /**
   * Runs {@code body} on {@link #tries(int) tries(defaultTries)} cases and stops at the first failure, which is
   * thrown as an {@link AssertionError} naming the property, the case number and its seed, with the failure as
   * cause.
   */
  public static void run(String property, int defaultTries, Body body) {
    long base = baseSeed();
    int tries = tries(defaultTries);
    for (int i = 0; i < tries; i++) {
      long seed = caseSeed(base, i);
      try {
        body.check(new Random(seed));
      } catch (Throwable t) {
        throw new AssertionError(String.format(
            "property '%s' failed at case %d of %d (seed %d; rerun just this case with -D%s=%d -D%s=1): %s",
            property, i, tries, seed, SEED_PROPERTY, seed, TRIES_PROPERTY, t), t);
      }
    }
  }

  /** The base seed: {@code -Dsociscope.seed}, or {@link #DEFAULT_SEED}. */
  public static long baseSeed() {
    String value = System.getProperty(SEED_PROPERTY);
    if (value == null || value.isBlank()) {
      return DEFAULT_SEED;
    }
    try {
      return Long.decode(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-D" + SEED_PROPERTY + " is not a number: " + value, e);
    }
  }

  /** The number of cases: {@code -Dsociscope.fuzz.tries} if set, else {@code defaultTries}. */
  public static int tries(int defaultTries) {
    Integer tries = Integer.getInteger(TRIES_PROPERTY);
    int n = tries == null ? defaultTries : tries;
    if (n < 1) {
      throw new IllegalArgumentException("tries must be at least 1, got " + n);
    }
    return n;
  }

  /**
   * The seed of case {@code i}: the base seed for case 0, else a SplitMix64 mix of base and case number (so
   * neighbouring cases and neighbouring base seeds give unrelated streams).
   */
  public static long caseSeed(long base, int i) {
    if (i == 0) {
      return base;
    }
    long z = base + i * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  // Generators. Like those of property-test libraries, they return the edges of a range more often than a uniform
  // draw would, since that is where bugs live (empty input, the largest size, the first and last index).

  /** An int in {@code [min, max]} (both inclusive); about 1 draw in 8 is {@code min}, {@code max} or next to them. */
  public static int intBetween(Random random, int min, int max) {
    if (min > max) {
      throw new IllegalArgumentException("min " + min + " > max " + max);
    }
    if (random.nextInt(8) == 0) {
      switch (random.nextInt(4)) {
        case 0:
          return min;
        case 1:
          return max;
        case 2:
          return min < max ? min + 1 : min;
        default:
          return min < max ? max - 1 : max;
      }
    }
    return (int) (min + (long) (random.nextDouble() * ((long) max - min + 1)));
  }

  /** One of {@code items}, uniformly. */
  public static <T> T pick(Random random, List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  /** Random bytes, {@code 0..maxLength} of them (length by {@link #intBetween}); every byte value is possible. */
  public static byte[] bytes(Random random, int maxLength) {
    byte[] b = new byte[intBetween(random, 0, maxLength)];
    random.nextBytes(b);
    return b;
  }

  /**
   * A string of {@code 0..maxLength} UTF-16 chars of any kind: ASCII (controls and NUL included), other BMP chars,
   * valid surrogate pairs and lone surrogates, each about equally likely.
   */
  public static String string(Random random, int maxLength) {
    int length = intBetween(random, 0, maxLength);
    StringBuilder sb = new StringBuilder(length);
    while (sb.length() < length) {
      switch (random.nextInt(4)) {
        case 0:
          sb.append((char) random.nextInt(0x80));
          break;
        case 1:
          sb.append((char) random.nextInt(Character.MAX_VALUE + 1));
          break;
        case 2:
          if (sb.length() + 2 <= length) {
            sb.appendCodePoint(Character.MIN_SUPPLEMENTARY_CODE_POINT
                + random.nextInt(Character.MAX_CODE_POINT - Character.MIN_SUPPLEMENTARY_CODE_POINT + 1));
          }
          break;
        default:
          sb.append((char) (Character.MIN_SURROGATE + random.nextInt(0x800)));
          break;
      }
    }
    return sb.toString();
  }
}
