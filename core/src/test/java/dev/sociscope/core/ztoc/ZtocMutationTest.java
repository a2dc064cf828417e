package dev.sociscope.core.ztoc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.sociscope.core.testing.RandomCases;
import dev.sociscope.core.testing.Vectors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated golden zTOCs (bit flips, truncation, random overwrites, corrupted length and offset fields, inserted and
 * deleted bytes) either read as a zTOC or fail with {@link ZtocFormatException}; nothing else escapes (no index
 * exception, NPE, OOM from a huge declared length). A zTOC that reads must also write and read back unchanged.
 *
 * <p>The normal run does {@value #DEFAULT_TRIES} tries per property; set {@code -Dsociscope.fuzz.tries=200000}
 * for a long run (see {@link RandomCases} for the seed).
 */
class ZtocMutationTest {
  static final int DEFAULT_TRIES = 10000;

  /** Small vectors, where most bytes are structure rather than checkpoint windows; plus one big one. */
  private static final List<byte[]> ZTOCS = List.of(
      Vectors.bytes("ztoc/plain.tar.span-64KiB.ztoc"),
      Vectors.bytes("ztoc/plain.tar.span-4MiB.ztoc"),
      Vectors.bytes("ztoc/gnu-fname.tar.gz.span-1MiB.ztoc"),
      Vectors.bytes("ztoc/gzip-all-header-fields.tar.gz.span-64KiB.ztoc"),
      Vectors.bytes("ztoc/multimember-3-with-empty.tar.gz.span-1MiB.ztoc"),
      Vectors.bytes("ztoc/pax.tar.gz.span-4MiB.ztoc"));

  private static final List<byte[]> GZIP_BLOBS = ZTOCS.stream().map(ZtocMutationTest::checkpoints)
      .filter(b -> b.length != 48).toList();
  private static final byte[] TAR_ZINFO = checkpoints(ZTOCS.get(0));

  /** One edit of the buffer; {@code pos} and {@code value} are scaled to the buffer at apply time. */
  record Mutation(int kind, double pos, long value, int zone) {
    byte[] applyTo(byte[] in) {
      if (in.length == 0) {
        return in;
      }
      int p = position(in.length);
      switch (kind) {
        case 0: { // bit flip
          byte[] out = in.clone();
          out[p] ^= (byte) (1 << (value & 7));
          return out;
        }
        case 1: // truncate
          return Arrays.copyOf(in, p);
        case 2: { // random byte
          byte[] out = in.clone();
          out[p] = (byte) value;
          return out;
        }
        case 3: { // 32-bit field (offsets, lengths, counts) set to an interesting value
          byte[] out = in.clone();
          int q = Math.min(p & ~3, out.length - 4);
          if (q >= 0) {
            ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(q, interesting(value, in.length));
          }
          return out;
        }
        case 4: { // 16-bit field (vtable entries) set to an interesting value
          byte[] out = in.clone();
          int q = Math.min(p & ~1, out.length - 2);
          if (q >= 0) {
            ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putShort(q, (short) interesting(value, 200));
          }
          return out;
        }
        case 5: { // 64-bit field (sizes, checkpoint offsets) set to an interesting value
          byte[] out = in.clone();
          int q = Math.min(p & ~7, out.length - 8);
          if (q >= 0) {
            long[] picks = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, value, value & 0xFFFF, in.length};
            ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putLong(q, picks[(int) Math.floorMod(value, 7L)]);
          }
          return out;
        }
        case 6: { // delete a few bytes
          int n = (int) Math.min(Math.floorMod(value, 16L) + 1, in.length - p);
          byte[] out = new byte[in.length - n];
          System.arraycopy(in, 0, out, 0, p);
          System.arraycopy(in, p + n, out, p, in.length - p - n);
          return out;
        }
        default: { // insert a few bytes
          int n = (int) Math.floorMod(value, 16L) + 1;
          byte[] out = new byte[in.length + n];
          System.arraycopy(in, 0, out, 0, p);
          Arrays.fill(out, p, p + n, (byte) value);
          System.arraycopy(in, p, out, p + n, in.length - p);
          return out;
        }
      }
    }

    /** Positions cluster where the FlatBuffer structure lives: the front and the back of the buffer. */
    private int position(int length) {
      int p;
      if (zone == 0) {
        p = (int) (pos * length);
      } else if (zone == 1) {
        p = (int) (pos * Math.min(length, 1024));
      } else {
        int tail = Math.min(length, 12 * 1024);
        p = length - tail + (int) (pos * tail);
      }
      return Math.max(0, Math.min(length - 1, p));
    }

    private static int interesting(long value, int length) {
      int[] picks = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, length, length - 1, length + 1,
          (int) value, (int) (value & 0xFF), 0x7FFF_FFF0, 32785};
      return picks[(int) Math.floorMod(value, (long) picks.length)];
    }
  }

  /**
   * One to four mutations: any kind, any value, positions in any zone. A position is exactly 0 or 1 about once in
   * 16 draws (the ends of the buffer: truncation to nothing, edits of the last byte).
   */
  static List<Mutation> mutations(Random random) {
    int count = RandomCases.intBetween(random, 1, 4);
    List<Mutation> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      double pos = random.nextInt(16) == 0 ? random.nextInt(2) : random.nextDouble();
      out.add(new Mutation(RandomCases.intBetween(random, 0, 7), pos, random.nextLong(),
          RandomCases.intBetween(random, 0, 2)));
    }
    return out;
  }

  @Test
  void mutatedZtocReadsOrFailsWithFormatException() {
    RandomCases.run("mutated zTOC reads or fails with ZtocFormatException", DEFAULT_TRIES, random -> {
      int index = RandomCases.intBetween(random, 0, ZTOCS.size() - 1);
      List<Mutation> mutations = mutations(random);
      byte[] bytes = ZTOCS.get(index);
      for (Mutation m : mutations) {
        bytes = m.applyTo(bytes);
      }
      Ztoc ztoc;
      try {
        ztoc = ZtocReader.read(bytes);
      } catch (ZtocFormatException expected) {
        assertThat(expected.getMessage()).isNotBlank();
        return;
      } catch (Throwable t) {
        throw new AssertionError("ZtocReader.read threw " + t + " for mutations " + mutations + " of vector "
            + index, t);
      }
      try {
        assertThat(ZtocReader.read(ZtocWriter.write(ztoc))).isEqualTo(ztoc);
      } catch (ZtocFormatException e) {
        fail("a zTOC we accepted does not read back after writing: " + e.getMessage(), e);
      }
    });
  }

  @Test
  void mutatedGzipBlobDecodesOrFailsWithFormatException() {
    RandomCases.run("mutated gzip zinfo decodes or fails with ZtocFormatException", DEFAULT_TRIES, random -> {
      List<Mutation> mutations = mutations(random);
      int index = RandomCases.intBetween(random, 0, ZTOCS.size() - 1);
      byte[] bytes = GZIP_BLOBS.get(index % GZIP_BLOBS.size());
      for (Mutation m : mutations) {
        bytes = m.applyTo(bytes);
      }
      try {
        GzipZinfo z = GzipZinfo.decode(bytes, 5_000_000, 7_000_000);
        assertThat(GzipZinfo.decode(z.encode(), 5_000_000, 7_000_000)).isEqualTo(z);
      } catch (ZtocFormatException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      } catch (Throwable t) {
        throw new AssertionError("GzipZinfo.decode threw " + t + " for mutations " + mutations, t);
      }
    });
  }

  @Test
  void mutatedTarZinfoDecodesOrFailsWithFormatException() {
    RandomCases.run("mutated tar zinfo decodes or fails with ZtocFormatException", DEFAULT_TRIES, random -> {
      List<Mutation> mutations = mutations(random);
      byte[] bytes = TAR_ZINFO;
      for (Mutation m : mutations) {
        bytes = m.applyTo(bytes);
      }
      try {
        TarZinfo.decode(bytes, 2232320, 2232320);
      } catch (ZtocFormatException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      } catch (Throwable t) {
        throw new AssertionError("TarZinfo.decode threw " + t + " for mutations " + mutations, t);
      }
    });
  }

  private static byte[] checkpoints(byte[] ztoc) {
    try {
      return ZtocReader.read(ztoc).compressionInfo().checkpoints();
    } catch (ZtocFormatException e) {
      throw new IllegalStateException(e);
    }
  }
}
