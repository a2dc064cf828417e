package dev.sociscope.core.gzip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.testing.RandomCases;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class GzipInflaterTest {
  private static final int[] STRATEGIES = {Deflater.DEFAULT_STRATEGY, Deflater.FILTERED, Deflater.HUFFMAN_ONLY};

  static byte[] inflateAll(GzipInflater g) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    g.transferTo(out);
    return out.toByteArray();
  }

  @Test
  void rawStreamsMatchJavaUtilZip() {
    RandomCases.run("raw streams match java.util.zip", 60, random -> {
      int size = RandomCases.intBetween(random, 0, 400_000);
      int level = RandomCases.intBetween(random, 0, 9);
      int strategy = RandomCases.intBetween(random, 0, 2);
      byte[] data = TestData.mixed(random, size);
      byte[] raw = TestData.deflateRaw(data, level, STRATEGIES[strategy]);
      assertThat(inflateAll(GzipInflater.raw(new ByteArrayInputStream(raw))))
          .as("size %d, level %d, strategy %d", size, level, strategy).isEqualTo(data);
    });
  }

  @Test
  void multiMemberGzipRoundTrips() {
    RandomCases.run("multi-member gzip round-trips", 30, rnd -> {
      int memberCount = RandomCases.intBetween(rnd, 1, 4);
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      ByteArrayOutputStream gz = new ByteArrayOutputStream();
      for (int i = 0; i < memberCount; i++) {
        byte[] part = TestData.mixed(rnd, rnd.nextInt(200_000));
        expected.write(part);
        gz.write(TestData.gzipWithDeflater(part, rnd.nextInt(10), STRATEGIES[rnd.nextInt(3)]));
      }
      assertThat(inflateAll(GzipInflater.gzip(new ByteArrayInputStream(gz.toByteArray()))))
          .isEqualTo(expected.toByteArray());
    });
  }

  /**
   * Differential test on damaged streams: wherever zlib (java.util.zip) accepts a stream, we must produce the same
   * bytes; wherever zlib reports an error, so must we.
   */
  @Test
  void damagedStreamsAgreeWithZlib() {
    RandomCases.run("damaged streams agree with zlib", 400, GzipInflaterTest::damagedStreamAgreesWithZlib);
  }

  private static void damagedStreamAgreesWithZlib(Random rnd) throws IOException {
    byte[] data = TestData.mixed(rnd, 1 + rnd.nextInt(30_000));
    byte[] raw = TestData.deflateRaw(data, rnd.nextInt(10), STRATEGIES[rnd.nextInt(3)]);
    int flips = 1 + rnd.nextInt(3);
    for (int i = 0; i < flips; i++) {
      int bit = rnd.nextInt(Math.min(raw.length * 8, 4000));
      raw[bit >> 3] ^= (byte) (1 << (bit & 7));
    }
    String zlib;
    byte[] zlibOut = null;
    java.util.zip.Inflater inf = new java.util.zip.Inflater(true);
    try {
      inf.setInput(raw);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[65536];
      while (!inf.finished()) {
        int n = inf.inflate(buf);
        out.write(buf, 0, n);
        if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
          break;
        }
      }
      zlib = inf.finished() ? "ok" : "truncated";
      zlibOut = out.toByteArray();
    } catch (java.util.zip.DataFormatException e) {
      zlib = "error: " + e.getMessage();
    } finally {
      inf.end();
    }
    String ours;
    byte[] oursOut = null;
    try {
      oursOut = inflateAll(GzipInflater.raw(new ByteArrayInputStream(raw)));
      ours = "ok";
    } catch (GzipFormatException e) {
      ours = e.isTruncated() ? "truncated" : "error: " + e.getMessage();
    }
    if (zlib.equals("ok")) {
      assertThat(ours).isEqualTo("ok");
      assertThat(oursOut).isEqualTo(zlibOut);
    } else if (zlib.equals("truncated")) {
      assertThat(ours).as("zlib wanted more input").isEqualTo("truncated");
    } else {
      assertThat(ours).as("zlib said %s", zlib).startsWith("error");
    }
  }

  @Test
  void resumingAtEveryBoundaryGivesTheRest() throws IOException {
    byte[] data = TestData.mixed(new Random(11), 300_000);
    byte[] gz = TestData.gzipWithDeflater(data, 6, Deflater.DEFAULT_STRATEGY);
    List<BlockBoundary> seen = new ArrayList<>();
    List<byte[]> windows = new ArrayList<>();
    GzipInflater g = GzipInflater.gzip(new ByteArrayInputStream(gz));
    g.setBoundaryListener((inf, b) -> {
      seen.add(b);
      byte[] w = new byte[GzipInflater.WINDOW_SIZE];
      inf.copyWindow(w);
      windows.add(w);
    });
    assertThat(inflateAll(g)).isEqualTo(data);
    assertThat(seen.get(0)).isEqualTo(new BlockBoundary(10, 0, 0, false, true));
    assertThat(seen.get(seen.size() - 1).finalBlock()).isTrue();
    assertThat(seen.size()).isGreaterThan(3);
    for (int i = 0; i < seen.size() - 1; i++) {
      BlockBoundary b = seen.get(i);
      int start = (int) (b.bits() > 0 ? b.compressedOffset() - 1 : b.compressedOffset());
      GzipInflater r = GzipInflater.resume(new ByteArrayInputStream(gz, start, gz.length - start),
          b.compressedOffset(), b.bits(), b.uncompressedOffset(), windows.get(i));
      byte[] rest = inflateAll(r);
      assertThat(rest).as("resume at %s", b)
          .isEqualTo(java.util.Arrays.copyOfRange(data, (int) b.uncompressedOffset(), data.length));
    }
  }

  @Test
  void truncatedInputIsReported() throws IOException {
    byte[] data = TestData.mixed(new Random(3), 100_000);
    byte[] gz = TestData.gzipWithDeflater(data, 6, Deflater.DEFAULT_STRATEGY);
    for (int cut : new int[] {5, 10, 100, gz.length / 2, gz.length - 4}) {
      byte[] part = java.util.Arrays.copyOf(gz, cut);
      assertThatThrownBy(() -> inflateAll(GzipInflater.gzip(new ByteArrayInputStream(part))))
          .isInstanceOf(GzipFormatException.class).hasMessageContaining("ends too early")
          .hasMessageContaining("offset");
    }
  }

  @Test
  void badCrcAndTrailingGarbageAreReported() throws IOException {
    byte[] data = TestData.mixed(new Random(5), 50_000);
    byte[] gz = TestData.gzipWithDeflater(data, 6, Deflater.DEFAULT_STRATEGY);
    byte[] badCrc = gz.clone();
    badCrc[gz.length - 8] ^= 1;
    assertThatThrownBy(() -> inflateAll(GzipInflater.gzip(new ByteArrayInputStream(badCrc))))
        .isInstanceOf(GzipFormatException.class).hasMessageContaining("CRC32 mismatch")
        .hasMessageContaining("offset " + (gz.length - 8));
    byte[] garbage = java.util.Arrays.copyOf(gz, gz.length + 3);
    assertThatThrownBy(() -> inflateAll(GzipInflater.gzip(new ByteArrayInputStream(garbage))))
        .isInstanceOf(GzipFormatException.class).hasMessageContaining("trailing garbage")
        .hasMessageContaining("offset " + gz.length);
    byte[] notGzip = "hello world".getBytes();
    assertThatThrownBy(() -> inflateAll(GzipInflater.gzip(new ByteArrayInputStream(notGzip))))
        .isInstanceOf(GzipFormatException.class).hasMessageContaining("not a gzip stream");
  }

  @Test
  void corruptStreamsFailWithTypedErrors() {
    RandomCases.run("corrupt streams fail with typed errors", 200, rnd -> {
      byte[] data = TestData.mixed(rnd, 20_000);
      byte[] gz = TestData.gzipWithDeflater(data, rnd.nextInt(10), STRATEGIES[rnd.nextInt(3)]);
      int at = 10 + rnd.nextInt(gz.length - 10);
      gz[at] ^= (byte) (1 + rnd.nextInt(255));
      try {
        byte[] out = inflateAll(GzipInflater.gzip(new ByteArrayInputStream(gz)));
        // a flip can only go unnoticed if it did not change the output (e.g. in unused bits)
        assertThat(out).isEqualTo(data);
      } catch (GzipFormatException expected) {
        assertThat(expected.getMessage()).contains("offset");
      }
    });
  }
}
