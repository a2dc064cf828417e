package dev.sociscope.core.ztoc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.testing.RandomCases;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Generated zTOCs (any names and PAX values, raw bytes included, extreme numbers, both compression kinds) are
 * written and read back unchanged, and the writer is deterministic.
 */
class ZtocWriterPropertyTest {

  @Test
  void writtenZtocReadsBackEqual() {
    RandomCases.run("written zTOC reads back equal", 300, random -> {
      Ztoc ztoc = generate(random.nextLong());
      byte[] bytes = ZtocWriter.write(ztoc);
      assertThat(ZtocReader.read(bytes)).isEqualTo(ztoc);
      assertThat(ZtocWriter.write(ZtocReader.read(bytes))).isEqualTo(bytes);
    });
  }

  /** A random valid zTOC from one seed. */
  static Ztoc generate(long seed) {
    Random r = new Random(seed);
    int fileCount = r.nextInt(4) == 0 ? 0 : r.nextInt(40);
    List<FileMetadata> files = new ArrayList<>();
    long next = 0;
    EntryType[] types = EntryType.values();
    for (int i = 0; i < fileCount; i++) {
      long offset = next + 512L * (1 + r.nextInt(4));
      long size = r.nextInt(3) == 0 ? 0 : (r.nextBoolean() ? r.nextInt(5000) : r.nextInt(Integer.MAX_VALUE));
      TreeMap<byte[], byte[]> pax = new TreeMap<>(Arrays::compareUnsigned);
      int paxCount = r.nextInt(3) == 0 ? r.nextInt(6) : 0;
      for (int j = 0; j < paxCount; j++) {
        pax.put(RawText.encode(RawText.decode(bytes(r, 1 + r.nextInt(30)))), bytes(r, r.nextInt(60)));
      }
      List<PaxRecord> records = new ArrayList<>();
      pax.forEach((k, v) -> records.add(new PaxRecord(RawText.decode(k), v)));
      files.add(new FileMetadata(
          RawText.decode(bytes(r, r.nextInt(200))),
          types[r.nextInt(types.length)],
          offset,
          size,
          r.nextBoolean() ? "" : RawText.decode(bytes(r, r.nextInt(120))),
          r.nextBoolean() ? r.nextInt(07777 + 1) : r.nextLong(),
          r.nextBoolean() ? 0 : Integer.toUnsignedLong(r.nextInt()),
          r.nextBoolean() ? 0 : Integer.toUnsignedLong(r.nextInt()),
          RawText.decode(bytes(r, r.nextInt(40))),
          RawText.decode(bytes(r, r.nextInt(40))),
          r.nextBoolean() ? "" : ModTime.format(r.nextInt(Integer.MAX_VALUE) - (1L << 30), r.nextInt(1_000_000_000)),
          r.nextInt(4) == 0 ? r.nextLong() : 0,
          r.nextInt(4) == 0 ? r.nextLong() : 0,
          records));
      next = Ztoc.alignToTarBlock(offset + size);
    }
    long uncompressed = next + 1024;
    CompressionInfo info;
    long compressed;
    if (r.nextBoolean()) {
      long spanSize = 1 + r.nextInt(1 << 22);
      compressed = uncompressed + r.nextInt(1 << 26); // the blob holds every entry's data (ZtocReader checks)
      TarZinfo tar = TarZinfo.of(spanSize, compressed, uncompressed);
      info = new CompressionInfo(CompressionAlgorithm.UNCOMPRESSED, tar.maxSpanId(), digests(r, tar.spanCount()),
          tar.encode());
    } else {
      int n = 1 + r.nextInt(4);
      List<Checkpoint> cps = new ArrayList<>();
      long in = 10 + r.nextInt(100);
      long out = 0;
      for (int i = 0; i < n; i++) {
        byte[] window = new byte[Checkpoint.WINDOW_SIZE];
        r.nextBytes(window);
        int bits = i == 0 ? 0 : r.nextInt(8);
        cps.add(new Checkpoint(in, out, bits, window));
        in += 2 + r.nextInt(1 << 20);
        out += 1 + r.nextInt(1 << 22);
      }
      compressed = in;
      GzipZinfo gzip = new GzipZinfo(1 << 16, cps, compressed, uncompressed);
      info = new CompressionInfo(CompressionAlgorithm.GZIP, gzip.maxSpanId(), digests(r, n), gzip.encode());
    }
    return new Ztoc(r.nextBoolean() ? Ztoc.CURRENT_VERSION : RawText.decode(bytes(r, r.nextInt(8))),
        RawText.decode(bytes(r, r.nextInt(30))), compressed, uncompressed, files, info);
  }

  private static List<String> digests(Random r, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] d = new byte[32];
      r.nextBytes(d);
      out.add("sha256:" + HexFormat.of().formatHex(d));
    }
    return out;
  }

  /** Printable ASCII, or multi-byte UTF-8, or arbitrary (mostly invalid UTF-8) bytes. */
  private static byte[] bytes(Random r, int n) {
    int mode = r.nextInt(3);
    if (mode == 1) {
      String alphabet = "aé日🙂/ .";
      StringBuilder sb = new StringBuilder();
      while (sb.length() < n) {
        sb.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, r.nextInt(7))));
      }
      return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (mode == 0 ? ' ' + r.nextInt(95) : r.nextInt(256));
    }
    return b;
  }
}
