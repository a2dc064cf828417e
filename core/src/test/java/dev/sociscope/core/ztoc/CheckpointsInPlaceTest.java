package dev.sociscope.core.ztoc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.testing.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A zTOC's checkpoint data is read where it lies in the zTOC's buffer and a window is copied out only when its
 * checkpoint is taken; what callers see is the same as from a decoded copy, and the public API still copies.
 */
class CheckpointsInPlaceTest {

  @Test
  void aZtocReadInPlaceEqualsOneWhoseCheckpointBytesWereCopied() throws Exception {
    for (Vectors.ZtocVector v : Vectors.ztocs()) {
      Ztoc read = ZtocReader.read(Vectors.bytes(v.ztocFile()));
      CompressionInfo inPlace = read.compressionInfo();
      CompressionInfo copied = new CompressionInfo(inPlace.algorithm(), inPlace.maxSpanId(), inPlace.spanDigests(),
          inPlace.checkpoints());
      assertThat(inPlace).as(v.toString()).isEqualTo(copied);
      assertThat(copied).as(v.toString()).isEqualTo(inPlace);
      assertThat(inPlace.checkpointsLength()).isEqualTo(copied.checkpoints().length);
      assertThat(ZtocWriter.write(read)).as(v + " written again").isEqualTo(Vectors.bytes(v.ztocFile()));
    }
  }

  @Test
  void thePublicConstructorAndAccessorCopyTheBytes() {
    byte[] given = {1, 2, 3};
    CompressionInfo info = new CompressionInfo(CompressionAlgorithm.GZIP, 0, List.of("sha256:x"), given);
    given[0] = 9;
    byte[] out = info.checkpoints();
    out[1] = 9;
    assertThat(info.checkpoints()).containsExactly(1, 2, 3);
  }

  @Test
  void spanGeometryAndCheckpointsMatchAnEagerDecode() throws Exception {
    for (Vectors.ZtocVector v : Vectors.ztocs()) {
      Ztoc read = ZtocReader.read(Vectors.bytes(v.ztocFile()));
      if (!(Zinfo.of(read) instanceof GzipZinfo lazy)) {
        continue;
      }
      GzipZinfo eager = new GzipZinfo(lazy.spanSize(), new ArrayList<>(lazy.checkpoints()),
          lazy.compressedArchiveSize(), lazy.uncompressedArchiveSize());
      Checkpoint last = lazy.checkpoints().get(lazy.spanCount() - 1);
      assertThat(lazy.checkpoints().get(lazy.spanCount() - 1)).as("taken once").isSameAs(last);
      assertThat(lazy).isEqualTo(eager);
      for (int s = 0; s < lazy.spanCount(); s++) {
        assertThat(lazy.compressedStart(s)).isEqualTo(eager.compressedStart(s));
        assertThat(lazy.compressedEnd(s)).isEqualTo(eager.compressedEnd(s));
        assertThat(lazy.uncompressedStart(s)).isEqualTo(eager.uncompressedStart(s));
        assertThat(lazy.uncompressedEnd(s)).isEqualTo(eager.uncompressedEnd(s));
      }
      Random r = new Random(v.toString().hashCode());
      for (int k = 0; k < 200; k++) {
        long offset = (long) (r.nextDouble() * lazy.uncompressedArchiveSize());
        assertThat(lazy.spanOf(offset)).as(v + " offset " + offset).isEqualTo(eager.spanOf(offset));
      }
    }
  }

  @Test
  void aBadCheckpointIsNamedByItsOffsetInTheCheckpointBlobNotInTheZtoc() throws Exception {
    Ztoc z = null;
    for (Vectors.ZtocVector v : Vectors.ztocs()) { // the first gzip zTOC with two checkpoints or more
      Ztoc read = ZtocReader.read(Vectors.bytes(v.ztocFile()));
      if (z == null && Zinfo.of(read) instanceof GzipZinfo g && g.spanCount() > 1) {
        z = read;
      }
    }
    assertThat(z).isNotNull();
    CompressionInfo ci = z.compressionInfo();
    byte[] blob = ci.checkpoints();
    int second = GzipZinfo.HEADER_SIZE + GzipZinfo.RECORD_SIZE;
    blob[second + 16] = 9; // checkpoint 1's bits
    Ztoc broken = new Ztoc(z.version(), z.buildToolIdentifier(), z.compressedArchiveSize(),
        z.uncompressedArchiveSize(), z.files(), new CompressionInfo(ci.algorithm(), ci.maxSpanId(), ci.spanDigests(),
        blob));
    byte[] written = ZtocWriter.write(broken);
    assertThatThrownBy(() -> ZtocReader.read(written)).isInstanceOf(ZtocFormatException.class)
        .hasMessageContaining("checkpoint 1 at blob offset " + second + " has bits=9");
  }
}
