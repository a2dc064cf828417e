package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark runs end to end on a tiny layer (its figures are not checked: it is not a timed test). */
class BenchCommandTest {
  @Test
  void runsOnASmallGeneratedLayer() {
    CliTestSupport.Result r = CliTestSupport.run("bench", "--size", "2MiB", "--rounds", "1", "--span-size", "64KiB");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("sociscope GzipInflater").contains("zTOC build time / gzip -dc time")
        .contains("peak heap during build").contains("what-if (5 span sizes) / one zTOC build");
  }

  @Test
  void lookupCostComparesParsingWithTheLookupFile() {
    CliTestSupport.Result r = CliTestSupport.run("bench", "--lookup", "--entries", "50,3000", "--rounds", "1");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("open + look up one path").contains("       50 entries")
        .contains("    3,000 entries").contains("lookup file made in");
  }
}
