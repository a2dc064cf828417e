package dev.sociscope.core.tar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.testing.RandomCases;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TarPathsTest {

  @Test
  void cleansAsUpstreamDoes() {
    assertThat(TarPaths.normalize("/etc/passwd")).isEqualTo("etc/passwd");
    assertThat(TarPaths.normalize("etc/passwd")).isEqualTo("etc/passwd");
    assertThat(TarPaths.normalize("./etc/passwd")).isEqualTo("etc/passwd");
    assertThat(TarPaths.normalize("etc//passwd/")).isEqualTo("etc/passwd");
    assertThat(TarPaths.normalize("usr/share/doc/")).isEqualTo("usr/share/doc");
    assertThat(TarPaths.normalize("../../etc/./x/../passwd")).isEqualTo("etc/passwd");
    assertThat(TarPaths.normalize("a/..")).isEmpty();
    assertThat(TarPaths.normalize("/")).isEmpty();
    assertThat(TarPaths.normalize("")).isEmpty();
    assertThat(TarPaths.normalize(".wh..wh..opq")).isEqualTo(".wh..wh..opq");
    assertThat(TarPaths.normalize("a/.hidden/..b/...")).isEqualTo("a/.hidden/..b/...");
  }

  /** The one-pass path for names already clean must give what the segment-by-segment cleaning gives. */
  @Test
  void cleanNamesComeBackAsTheFullCleaningGivesThem() {
    List<String> segments = List.of("", ".", "..", "...", ".a", "a.", "..a", "a", "bc", ".wh.x");
    RandomCases.run("normalize matches the reference", 5000, random -> {
      int n = RandomCases.intBetween(random, 0, 6);
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        parts.add(RandomCases.pick(random, segments));
      }
      String path = (random.nextBoolean() ? "/" : "") + String.join("/", parts) + (random.nextBoolean() ? "/" : "");
      assertThat(TarPaths.normalize(path)).as("'%s'", path).isEqualTo(reference(path));
    });
  }

  /** Go's path.Clean("/" + p) without the leading slash, segment by segment. */
  private static String reference(String path) {
    List<String> out = new ArrayList<>();
    for (String part : path.split("/", -1)) {
      if (part.equals("..")) {
        if (!out.isEmpty()) {
          out.remove(out.size() - 1);
        }
      } else if (!part.isEmpty() && !part.equals(".")) {
        out.add(part);
      }
    }
    return String.join("/", out);
  }
}
