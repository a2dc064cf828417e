package dev.sociscope.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.build.ZtocBuilder;
import dev.sociscope.core.extract.RandomAccessSource;
import dev.sociscope.core.testing.Vectors;
import dev.sociscope.core.ztoc.Checkpoint;
import dev.sociscope.core.ztoc.CompressionInfo;
import dev.sociscope.core.ztoc.GzipZinfo;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.Ztoc;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SpotCheckerTest {
  private static final byte[] LAYER = Vectors.bytes("layers/gnutar-pax.tar.gz");

  private static RandomAccessSource source(byte[] bytes) {
    return new RandomAccessSource() {
      @Override
      public long size() {
        return bytes.length;
      }

      @Override
      public byte[] read(long offset, int length) {
        return java.util.Arrays.copyOfRange(bytes, (int) offset, (int) offset + length);
      }
    };
  }

  private static Ztoc build() throws Exception {
    return new ZtocBuilder(new ZtocBuilder.Options(64 << 10, "t")).build(new ByteArrayInputStream(LAYER));
  }

  private static List<Integer> all(Zinfo z) {
    return IntStream.range(0, z.spanCount()).boxed().toList();
  }

  @Test
  void aGoodZtocPassesEverySpan() throws Exception {
    Ztoc ztoc = build();
    Zinfo zinfo = Zinfo.of(ztoc);
    assertThat(zinfo.spanCount()).isGreaterThan(3);
    assertThat(new SpotChecker(ztoc, zinfo, source(LAYER)).check(all(zinfo))).isEmpty();
  }

  @Test
  void zeroedCheckpointWindowsAreCaughtThoughTheSpanDigestsStillMatch() throws Exception {
    Ztoc ztoc = build();
    GzipZinfo good = (GzipZinfo) Zinfo.of(ztoc);
    List<Checkpoint> zeroed = new ArrayList<>();
    for (Checkpoint c : good.checkpoints()) {
      zeroed.add(new Checkpoint(c.compressedOffset(), c.uncompressedOffset(), c.bits(),
          c.uncompressedOffset() == 0 ? c.window() : new byte[Checkpoint.WINDOW_SIZE]));
    }
    GzipZinfo bad = new GzipZinfo(good.spanSize(), zeroed, good.compressedArchiveSize(),
        good.uncompressedArchiveSize());
    CompressionInfo info = new CompressionInfo(ztoc.compressionInfo().algorithm(), ztoc.compressionInfo().maxSpanId(),
        ztoc.compressionInfo().spanDigests(), bad.encode());
    Ztoc corrupt = new Ztoc(ztoc.version(), ztoc.buildToolIdentifier(), ztoc.compressedArchiveSize(),
        ztoc.uncompressedArchiveSize(), ztoc.files(), info);
    assertThat(new SpotChecker(corrupt, bad, source(LAYER)).check(all(bad))).hasValueSatisfying(
        m -> assertThat(m).startsWith("span ").contains("checkpoint"));
  }

  @Test
  void aChangedLayerByteFailsTheSpanDigest() throws Exception {
    Ztoc ztoc = build();
    Zinfo zinfo = Zinfo.of(ztoc);
    byte[] changed = LAYER.clone();
    int at = (int) zinfo.compressedStart(2) + 10;
    changed[at] ^= 1;
    assertThat(new SpotChecker(ztoc, zinfo, source(changed)).check(all(zinfo)))
        .hasValueSatisfying(m -> assertThat(m).startsWith("span 2 ").contains("the zTOC says sha256:"));
  }

  @Test
  void picksTheFirstTheLastAndSpansBetween() {
    assertThat(SpotChecker.pick(100, 3)).containsExactly(0, 33, 99);
    assertThat(SpotChecker.pick(2, 5)).containsExactly(0, 1);
    assertThat(SpotChecker.pick(10, 0)).isEmpty();
  }
}
