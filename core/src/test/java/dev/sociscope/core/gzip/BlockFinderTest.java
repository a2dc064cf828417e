package dev.sociscope.core.gzip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * {@link BlockFinder} offers every true dynamic and stored block start (the ones the inflater reports), inflation
 * from a true start with a stand-in window gives the stream's own bytes wherever they do not depend on that
 * window, and random bytes offer few candidates.
 */
class BlockFinderTest {

  @ParameterizedTest(name = "level {0}, strategy {1}")
  @CsvSource({"1,0", "6,0", "9,0", "6,1", "6,2"})
  void everyTrueDynamicOrStoredBlockStartIsOffered(int level, int strategy) throws Exception {
    byte[] data = TestData.mixed(new Random(level * 31L + strategy), 3 << 20);
    byte[] gz = TestData.gzipWithDeflater(data, level, strategy);
    List<long[]> starts = blockStarts(gz);
    BlockFinder finder = new BlockFinder(gz, gz.length);
    int checked = 0;
    for (long[] s : starts) {
      long bit = s[0];
      int type = (int) ((bits(gz, bit, 3) >>> 1) & 3);
      if (type == 1 || bit / 8 + 64 > gz.length) {
        continue; // fixed-Huffman blocks are not offered; the last bytes hold the trailer
      }
      assertThat(finder.next(bit)).as("block at bit %d (type %d)", bit, type).isEqualTo(bit);
      checked++;
    }
    assertThat(checked).isGreaterThan(10);
  }

  @Test
  void inflatingFromAFoundStartGivesTheStreamsBytesWhereTheWindowDoesNotMatter() throws Exception {
    byte[] data = TestData.mixed(new Random(5), 2 << 20);
    byte[] gz = TestData.gzipWithDeflater(data, 6, Deflater.DEFAULT_STRATEGY);
    List<long[]> starts = blockStarts(gz);
    long[] middle = starts.get(starts.size() / 2);
    // scan from 4 KiB before the true start: the first candidate that inflates without error is that start
    BlockFinder finder = new BlockFinder(gz, gz.length);
    long bit = middle[0] - (4096 * 8);
    byte[] zeros = null;
    byte[] ones = null;
    long found = -1;
    while (found < 0) {
      bit = finder.next(bit);
      zeros = inflate(gz, bit, (byte) 0, 200_000);
      ones = inflate(gz, bit, (byte) 0xFF, 200_000);
      if (zeros != null && ones != null) {
        found = bit;
      }
      bit++;
    }
    assertThat(found).isEqualTo(middle[0]);
    int known = 0;
    for (int i = 0; i < zeros.length; i++) {
      if (zeros[i] == ones[i]) {
        assertThat(zeros[i]).as("byte %d", i).isEqualTo(data[(int) middle[1] + i]);
        known++;
      }
    }
    assertThat(known).isGreaterThan(zeros.length / 10);
  }

  @Test
  void randomBytesOfferFewCandidates() {
    byte[] noise = new byte[1 << 20];
    new Random(9).nextBytes(noise);
    BlockFinder finder = new BlockFinder(noise, noise.length);
    int candidates = 0;
    for (long bit = finder.next(0); bit >= 0; bit = finder.next(bit + 1)) {
      candidates++;
    }
    // a stored header passes by chance about once in 64 KiB; dynamic ones almost never
    assertThat(candidates).isLessThan(64);
  }

  /** Bit position and uncompressed offset of every block start after the first, from the inflater. */
  private static List<long[]> blockStarts(byte[] gz) throws Exception {
    List<long[]> out = new ArrayList<>();
    GzipInflater g = GzipInflater.gzip(new ByteArrayInputStream(gz));
    g.setBoundaryListener((inf, b) -> {
      if (!b.afterHeader() && !b.finalBlock()) {
        out.add(new long[] {b.compressedOffset() * 8 - b.bits(), b.uncompressedOffset()});
      }
    });
    g.transferTo(OutputStream.nullOutputStream());
    return out;
  }

  private static long bits(byte[] b, long bit, int n) {
    long v = 0;
    for (int k = 0; k < n; k++) {
      long p = bit + k;
      v |= (long) ((b[(int) (p >>> 3)] >>> (p & 7)) & 1) << k;
    }
    return v;
  }

  /** Up to {@code limit} bytes inflated from {@code bit} with a window of {@code fill}; null if they do not inflate. */
  private static byte[] inflate(byte[] gz, long bit, byte fill, int limit) {
    byte[] window = new byte[GzipInflater.WINDOW_SIZE];
    java.util.Arrays.fill(window, fill);
    int first = (int) (bit >>> 3);
    try {
      GzipInflater in = GzipInflater.resumeAtBit(new ByteArrayInputStream(gz, first, gz.length - first),
          bit - first * 8L, 0, window);
      return in.readNBytes(limit);
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
