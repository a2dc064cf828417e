package dev.sociscope.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The wizard's span count from a gzip layer's uncompressed size against what the zTOC builder made of real layers:
 * the five layers of the benchmark image (Debian files, gzip -6, 4 MiB spans), a 1.4 GB single-layer image and a
 * 1 MiB-span layer, figures read from their zTOCs.
 */
class ExpectedSpansTest {
  @Test
  void realLayersGetTheirSpanCountExactly() {
    long four = 4 << 20;
    assertThat(IndexPlanner.expectedSpans(53_365_248L, four)).isEqualTo(13);
    assertThat(IndexPlanner.expectedSpans(1_411_126_784L, four)).isEqualTo(332);
    assertThat(IndexPlanner.expectedSpans(118_723_072L, four)).isEqualTo(28);
    assertThat(IndexPlanner.expectedSpans(189_910_528L, four)).isEqualTo(45);
    assertThat(IndexPlanner.expectedSpans(14_394_368L, 1 << 20)).isEqualTo(14);
  }

  @Test
  void aLayerSmallerThanOneSpanHasOne() {
    assertThat(IndexPlanner.expectedSpans(0, 4 << 20)).isEqualTo(1);
    assertThat(IndexPlanner.expectedSpans(100_000, 4 << 20)).isEqualTo(1);
  }
}
