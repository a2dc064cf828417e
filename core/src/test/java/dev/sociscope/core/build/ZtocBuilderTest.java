package dev.sociscope.core.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.gzip.GzipFormatException;
import dev.sociscope.core.testing.Vectors;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class ZtocBuilderTest {
  private static final byte[] LAYER = Vectors.bytes("layers/pax.tar.gz");

  @Test
  void reportsProgressUpToTheLayerSize() throws Exception {
    List<Long> seen = new ArrayList<>();
    new ZtocBuilder(ZtocBuilder.Options.defaults()).build(new ByteArrayInputStream(LAYER), seen::add, () -> false);
    assertThat(seen).isNotEmpty().isSorted();
    assertThat(seen.get(seen.size() - 1)).isEqualTo(LAYER.length);
  }

  @Test
  void stopsWhenCancelled() {
    long[] consumed = {0};
    assertThatThrownBy(() -> new ZtocBuilder(ZtocBuilder.Options.defaults()).build(new ByteArrayInputStream(LAYER),
        n -> consumed[0] = n, () -> consumed[0] > 500_000)).isInstanceOf(CancellationException.class);
    assertThat(consumed[0]).isLessThan(LAYER.length);
  }

  @Test
  void corruptAndTruncatedLayersFailWithTheOffset() {
    byte[] truncated = Arrays.copyOf(LAYER, LAYER.length / 2);
    assertThatThrownBy(() -> new ZtocBuilder(ZtocBuilder.Options.defaults()).build(new ByteArrayInputStream(truncated)))
        .isInstanceOf(GzipFormatException.class).hasMessageContaining("ends too early");
    byte[] badCrc = LAYER.clone();
    badCrc[LAYER.length - 6] ^= 1;
    assertThatThrownBy(() -> new ZtocBuilder(ZtocBuilder.Options.defaults()).build(new ByteArrayInputStream(badCrc)))
        .isInstanceOf(GzipFormatException.class).hasMessageContaining("CRC32 mismatch")
        .hasMessageContaining("offset " + (LAYER.length - 8));
    byte[] garbage = Arrays.copyOf(LAYER, LAYER.length + 10);
    assertThatThrownBy(() -> new ZtocBuilder(ZtocBuilder.Options.defaults()).build(new ByteArrayInputStream(garbage)))
        .isInstanceOf(GzipFormatException.class).hasMessageContaining("trailing garbage");
  }

  @Test
  void archiveSizeIsAlignedEndOfLastEntryPlusTwoBlocks() throws Exception {
    var z = new ZtocBuilder(ZtocBuilder.Options.defaults()).build(new ByteArrayInputStream(LAYER));
    var last = z.files().get(z.files().size() - 1);
    assertThat(z.uncompressedArchiveSize()).isEqualTo((last.dataEnd() + 511) / 512 * 512 + 1024);
  }
}
