package dev.sociscope.core.gzip;

import static dev.sociscope.core.testing.HostileInput.endsValidOrTyped;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;

/**
 * Hostile bytes searched for block starts as a read from inside a span searches them ({@link BlockFinder}), each
 * candidate inflated with a stand-in window: the search never fails, and inflation ends or fails with a typed error.
 * Seeds under {@code BlockFinderFuzzTestInputs/inflateFromFoundBlockStarts/}: a gzip member, and 20 KB cut from the
 * middle of a gzip stream of prose (block starts at unknown places).
 */
class BlockFinderFuzzTest {
  /** Output read per candidate at most: a small input cannot inflate to more than ~1032 times its size anyway. */
  private static final long MAX_OUTPUT = 64L << 20;

  @FuzzTest(maxDuration = "5s")
  void inflateFromFoundBlockStarts(byte[] input) {
    BlockFinder finder = new BlockFinder(input, input.length);
    long bit = 0;
    for (int tries = 0; tries < 8 && (bit = finder.next(bit)) >= 0; tries++, bit++) {
      long start = bit;
      endsValidOrTyped(input, () -> {
        int first = (int) (start >>> 3);
        try (GzipInflater in = GzipInflater.resumeAtBit(new ByteArrayInputStream(input, first, input.length - first),
            start - first * 8L, 0, new byte[GzipInflater.WINDOW_SIZE])) {
          in.skip(MAX_OUTPUT);
        }
      });
    }
  }
}
