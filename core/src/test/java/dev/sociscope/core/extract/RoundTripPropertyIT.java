package dev.sociscope.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.build.ZtocBuilder;
import dev.sociscope.core.gzip.TestData;
import dev.sociscope.core.testing.RandomCases;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.ZtocReader;
import dev.sociscope.core.ztoc.ZtocWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Random tar trees x random compressors x span sizes: every file extracts to its original bytes, through the built
 * zTOC and through the same zTOC written and read back.
 */
class RoundTripPropertyIT {
  private static final int[] STRATEGIES = {Deflater.DEFAULT_STRATEGY, Deflater.FILTERED, Deflater.HUFFMAN_ONLY};
  private static final long[] SPAN_SIZES = {4096, 65536, 1 << 20};

  @Test
  void everyFileRoundTrips() {
    RandomCases.run("every file round-trips", 80, rnd -> roundTrip(rnd, RandomCases.intBetween(rnd, 0, 4)));
  }

  private static void roundTrip(Random rnd, int compressor) throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    byte[] tar = randomTar(rnd, files);
    byte[] layer;
    String how;
    switch (compressor) {
      case 0:
        int level = 1 + rnd.nextInt(9);
        layer = TestData.gzipBinary(tar, level);
        how = "gzip -" + level;
        break;
      case 1:
        int l = rnd.nextInt(10);
        int s = STRATEGIES[rnd.nextInt(3)];
        layer = TestData.gzipWithDeflater(tar, l, s);
        how = "Deflater level " + l + " strategy " + s;
        break;
      case 2:
        layer = multiMember(rnd, tar);
        how = "multi-member";
        break;
      case 3:
        layer = TestData.gzipWithDeflater(tar, Deflater.NO_COMPRESSION, Deflater.DEFAULT_STRATEGY);
        how = "stored blocks";
        break;
      default:
        layer = tar;
        how = "plain tar";
        break;
    }
    long spanSize = SPAN_SIZES[rnd.nextInt(SPAN_SIZES.length)];
    Ztoc built = new ZtocBuilder(new ZtocBuilder.Options(spanSize, "test")).build(new ByteArrayInputStream(layer));
    Ztoc reread = ZtocReader.read(ZtocWriter.write(built));
    assertThat(built.compressedArchiveSize()).isEqualTo(layer.length);
    for (Ztoc z : new Ztoc[] {built, reread}) {
      LazyExtractor ex = new LazyExtractor(z, new ByteArraySource(layer));
      int regs = 0;
      for (FileMetadata f : z.files()) {
        if (f.type() != EntryType.REG) {
          continue;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ex.extract(f, out);
        assertThat(out.toByteArray()).as("%s, span %d, %s", how, spanSize, f.name()).isEqualTo(files.get(f.name()));
        regs++;
      }
      assertThat(regs).isEqualTo(files.size());
    }
    // every span can be a starting point: the file that crosses most spans was read from its own first span
    Zinfo zinfo = Zinfo.of(built);
    assertThat(zinfo.spanCount()).isEqualTo(built.compressionInfo().spanDigests().size());
  }

  static byte[] randomTar(Random rnd, Map<String, byte[]> files) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bos)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      int n = rnd.nextInt(25);
      for (int i = 0; i < n; i++) {
        int kind = rnd.nextInt(10);
        String dir = "d" + rnd.nextInt(4) + "/";
        if (kind == 0) {
          TarArchiveEntry e = new TarArchiveEntry(dir + "sub" + i + "/");
          tar.putArchiveEntry(e);
          tar.closeArchiveEntry();
          continue;
        }
        if (kind == 1 && !files.isEmpty()) {
          TarArchiveEntry e = new TarArchiveEntry(dir + "link" + i, TarArchiveEntry.LF_SYMLINK);
          e.setLinkName(files.keySet().iterator().next());
          tar.putArchiveEntry(e);
          tar.closeArchiveEntry();
          continue;
        }
        String name = dir + (rnd.nextInt(8) == 0 ? "long-".repeat(30) : "") + "file" + i + ".bin";
        int size = rnd.nextInt(6) == 0 ? 300_000 + rnd.nextInt(900_000) : rnd.nextInt(20_000);
        byte[] data = TestData.mixed(rnd, size);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(data.length);
        e.setModTime(1_700_000_000_000L + rnd.nextInt(1000) * 1000L);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
        files.put(name, data);
      }
    }
    return bos.toByteArray();
  }

  static byte[] multiMember(Random rnd, byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int members = 2 + rnd.nextInt(3);
    int start = 0;
    for (int m = 0; m < members; m++) {
      int end = m == members - 1 ? data.length : start + rnd.nextInt(data.length - start + 1);
      byte[] part = java.util.Arrays.copyOfRange(data, start, end);
      out.write(TestData.gzipWithDeflater(part, rnd.nextInt(10), STRATEGIES[rnd.nextInt(3)]));
      start = end;
    }
    return out.toByteArray();
  }
}
