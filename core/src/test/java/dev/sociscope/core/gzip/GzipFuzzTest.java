package dev.sociscope.core.gzip;

import static dev.sociscope.core.testing.HostileInput.endsValidOrTyped;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;

/**
 * Hostile gzip streams (header fields, stored/fixed/dynamic blocks, bad Huffman tables, distances past the window,
 * wrong CRC and ISIZE, garbage after members) inflated to the end (issue 14 item 5). Seeds under
 * {@code GzipFuzzTestInputs/inflate/}: small members made by GNU gzip and Python's zlib, with every header field.
 */
class GzipFuzzTest {
  /** Output read per input at most: a small input cannot inflate to more than ~1032 times its size anyway. */
  private static final long MAX_OUTPUT = 64L << 20;

  @FuzzTest(maxDuration = "5s")
  void inflate(byte[] input) {
    endsValidOrTyped(input, () -> {
      try (GzipInflater in = GzipInflater.gzip(new ByteArrayInputStream(input))) {
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int n;
        while (total < MAX_OUTPUT && (n = in.read(buf, 0, buf.length)) > 0) {
          total += n;
        }
      }
    });
  }
}
