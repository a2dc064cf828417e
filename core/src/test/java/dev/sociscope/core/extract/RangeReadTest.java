package dev.sociscope.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.testing.Vectors;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.ZtocReader;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

/** A byte range of a file reads the same bytes as the whole file does there, fetching only the spans it needs. */
class RangeReadTest {
  @Test
  void windowsMatchTheWholeFileAndFetchOnlyTheirSpans() throws Exception {
    Ztoc z = ZtocReader.read(Vectors.bytes("ztoc/pax.tar.gz.span-64KiB.ztoc"));
    byte[] layer = Vectors.bytes("layers/pax.tar.gz");
    FileMetadata big = z.files().stream().max(Comparator.comparingLong(FileMetadata::uncompressedSize)).orElseThrow();
    assertThat(big.uncompressedSize()).isGreaterThan(1 << 20);

    LazyExtractorVectorTest.CountingSource wholeSource =
        new LazyExtractorVectorTest.CountingSource(new ByteArraySource(layer));
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    ExtractStats all = new LazyExtractor(z, wholeSource).extract(big, whole);
    byte[] file = whole.toByteArray();

    long size = big.uncompressedSize();
    long[][] windows = {{0, 4096}, {size / 2, 100_000}, {size - 10, 100}, {size, 5}, {0, size + 1}};
    for (long[] w : windows) {
      LazyExtractorVectorTest.CountingSource source =
          new LazyExtractorVectorTest.CountingSource(new ByteArraySource(layer));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ExtractStats s = RangeRead.extract(new LazyExtractor(z, source), big, w[0], w[1], out);
      int from = (int) Math.min(w[0], size);
      int to = (int) Math.min(size, w[0] + w[1]);
      assertThat(out.toByteArray()).as("bytes %d+%d", w[0], w[1]).isEqualTo(Arrays.copyOfRange(file, from, to));
      assertThat(s.bytesWritten()).isEqualTo(to - from);
      if (to - from == 4096) {
        assertThat(s.spansTouched()).isEqualTo(1);
        assertThat(source.bytesRead).as("first 4 KiB").isLessThan(all.compressedBytesRead() / 4);
      }
    }
  }
}
