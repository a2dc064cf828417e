package dev.sociscope.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.testing.Vectors;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.ZtocWriter;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One scan at several span sizes gives exactly the geometry and zTOC size that separate builds give. */
class SpanSizeScanTest {
  private static final List<Long> SIZES = List.of(16L << 10, 64L << 10, 256L << 10, 1L << 20);

  @Test
  void everySpanSizeMatchesASeparateBuild() throws Exception {
    for (String layer : List.of("layers/gnutar-pax.tar.gz", "layers/multimember-3-with-empty.tar.gz",
        "layers/gzip-all-header-fields.tar.gz", "layers/plain.tar")) {
      byte[] bytes = Vectors.bytes(layer);
      SpanSizeScan.Result scan = SpanSizeScan.scan(new ByteArrayInputStream(bytes), SIZES, n -> { }, () -> false);
      for (long size : SIZES) {
        Ztoc built = new ZtocBuilder(new ZtocBuilder.Options(size, "sociscope"))
            .build(new ByteArrayInputStream(bytes));
        Zinfo expected = Zinfo.of(built);
        Zinfo actual = scan.zinfos().get(size);
        String what = layer + " at " + size;
        assertThat(actual.spanCount()).as(what).isEqualTo(expected.spanCount());
        for (int i = 0; i < expected.spanCount(); i++) {
          assertThat(actual.compressedStart(i)).as(what + " span " + i).isEqualTo(expected.compressedStart(i));
          assertThat(actual.compressedEnd(i)).as(what + " span " + i).isEqualTo(expected.compressedEnd(i));
          assertThat(actual.uncompressedStart(i)).as(what + " span " + i).isEqualTo(expected.uncompressedStart(i));
        }
        assertThat(scan.files()).as(what).isEqualTo(built.files());
        assertThat(scan.ztocBytes(size, "sociscope")).as(what).isEqualTo(ZtocWriter.write(built).length);
      }
    }
  }
}
