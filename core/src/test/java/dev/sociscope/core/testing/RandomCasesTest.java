package dev.sociscope.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RandomCasesTest {
  private String savedSeed;
  private String savedTries;

  @BeforeEach
  void clearProperties() {
    savedSeed = System.clearProperty(RandomCases.SEED_PROPERTY);
    savedTries = System.clearProperty(RandomCases.TRIES_PROPERTY);
  }

  @AfterEach
  void restoreProperties() {
    restore(RandomCases.SEED_PROPERTY, savedSeed);
    restore(RandomCases.TRIES_PROPERTY, savedTries);
  }

  @Test
  void runsTheDefaultNumberOfCasesUnlessOverridden() {
    int[] calls = {0};
    RandomCases.run("counts", 37, random -> calls[0]++);
    assertThat(calls[0]).isEqualTo(37);

    System.setProperty(RandomCases.TRIES_PROPERTY, "5");
    calls[0] = 0;
    RandomCases.run("counts", 37, random -> calls[0]++);
    assertThat(calls[0]).isEqualTo(5);
  }

  @Test
  void failureNamesPropertyCaseAndSeedAndKeepsTheCause() {
    IOException boom = new IOException("boom");
    int[] calls = {0};
    AssertionError e = catchThrowableOfType(AssertionError.class,
        () -> RandomCases.run("fails at the fourth case", 100, random -> {
          if (++calls[0] == 4) {
            throw boom;
          }
        }));
    assertThat(calls[0]).as("stops at the first failure").isEqualTo(4);
    long seed = RandomCases.caseSeed(RandomCases.DEFAULT_SEED, 3);
    assertThat(e).hasMessageContaining("property 'fails at the fourth case'")
        .hasMessageContaining("case 3 of 100")
        .hasMessageContaining("seed " + seed)
        .hasMessageContaining("-Dsociscope.seed=" + seed + " -Dsociscope.fuzz.tries=1")
        .hasMessageContaining("boom")
        .hasCause(boom);
    assertThat(e.getCause()).isSameAs(boom);
  }

  @Test
  void sameBaseSeedGivesSameCasesAndAnotherGivesOthers() {
    List<Long> first = draws(50);
    assertThat(draws(50)).isEqualTo(first);
    assertThat(new HashSet<>(first)).as("cases differ from each other").hasSize(50);

    System.setProperty(RandomCases.SEED_PROPERTY, "0x1234");
    List<Long> other = draws(50);
    assertThat(other).doesNotContainAnyElementsOf(first);
    assertThat(draws(50)).isEqualTo(other);
  }

  @Test
  void reportedSeedRerunsExactlyTheFailingCase() {
    List<Long> seen = new ArrayList<>();
    AssertionError e = catchThrowableOfType(AssertionError.class,
        () -> RandomCases.run("fails on a value", 1000, random -> {
          long value = random.nextLong();
          seen.add(value);
          assertThat(value % 7).isNotEqualTo(3);
        }));
    assertThat(e).isNotNull();
    Matcher m = Pattern.compile("seed (-?\\d+);").matcher(e.getMessage());
    assertThat(m.find()).as(e.getMessage()).isTrue();

    System.setProperty(RandomCases.SEED_PROPERTY, m.group(1));
    System.setProperty(RandomCases.TRIES_PROPERTY, "1");
    List<Long> rerun = new ArrayList<>();
    assertThatThrownBy(() -> RandomCases.run("fails on a value", 1000, random -> {
      long value = random.nextLong();
      rerun.add(value);
      assertThat(value % 7).isNotEqualTo(3);
    })).isInstanceOf(AssertionError.class).hasMessageContaining("case 0 of 1");
    assertThat(rerun).containsExactly(seen.get(seen.size() - 1));
  }

  @Test
  void badPropertiesAreReported() {
    System.setProperty(RandomCases.SEED_PROPERTY, "twelve");
    assertThatThrownBy(() -> RandomCases.run("x", 1, random -> { }))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sociscope.seed");
    System.clearProperty(RandomCases.SEED_PROPERTY);
    System.setProperty(RandomCases.TRIES_PROPERTY, "0");
    assertThatThrownBy(() -> RandomCases.run("x", 1, random -> { }))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
  }

  @Test
  void generatorsStayInRangeAndReachTheEdges() {
    Set<Integer> ints = new HashSet<>();
    Set<Integer> lengths = new HashSet<>();
    boolean[] loneSurrogate = {false};
    boolean[] pair = {false};
    RandomCases.run("generators", 3000, random -> {
      int i = RandomCases.intBetween(random, -3, 400_000);
      assertThat(i).isBetween(-3, 400_000);
      ints.add(i);
      assertThat(RandomCases.intBetween(random, Integer.MIN_VALUE, Integer.MAX_VALUE)).isNotNull();
      assertThat(RandomCases.intBetween(random, 5, 5)).isEqualTo(5);
      byte[] b = RandomCases.bytes(random, 255);
      assertThat(b.length).isBetween(0, 255);
      lengths.add(b.length);
      String s = RandomCases.string(random, 40);
      assertThat(s.length()).isBetween(0, 40);
      for (int k = 0; k < s.length(); k++) {
        char c = s.charAt(k);
        if (Character.isHighSurrogate(c) && k + 1 < s.length() && Character.isLowSurrogate(s.charAt(k + 1))) {
          pair[0] = true;
          k++;
        } else if (Character.isSurrogate(c)) {
          loneSurrogate[0] = true;
        }
      }
      assertThat(RandomCases.pick(random, List.of("a", "b"))).isIn("a", "b");
    });
    assertThat(ints).contains(-3, -2, 399_999, 400_000);
    assertThat(lengths).contains(0, 1, 254, 255);
    assertThat(loneSurrogate[0]).isTrue();
    assertThat(pair[0]).isTrue();
  }

  private static List<Long> draws(int tries) {
    List<Long> out = new ArrayList<>();
    RandomCases.run("draws", tries, random -> out.add(random.nextLong()));
    return out;
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
