package dev.sociscope.core.gzip;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds bit positions where a deflate block may start, in compressed bytes whose block boundaries nobody recorded
 * (a stretch in the middle of a span, far from its checkpoint). A candidate is a position whose bits read as a
 * dynamic-Huffman block header with a complete code-length code and lit/len and distance codes that zlib would
 * accept, or as a stored block header (zero padding, LEN equal to the complement of NLEN). Fixed-Huffman headers are
 * three bits with nothing to check, so they are not offered.
 *
 * <p>A candidate is only likely: most bit positions fail within a few bits, but a random position passes now and then.
 * Callers decode from it ({@link GzipInflater#resumeAtBit}) and check what comes out.
 */
public final class BlockFinder {
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final byte[] data;
  private final int length;

  /** Looks for headers in {@code data[0, length)}; bit 0 is the low bit of {@code data[0]}. */
  public BlockFinder(byte[] data, int length) {
    if (length < 0 || length > data.length) {
      throw new IllegalArgumentException("length " + length + " outside 0.." + data.length);
    }
    this.data = data;
    this.length = length;
  }

  /** The first candidate at or after bit {@code fromBit} whose whole header lies in the data, or -1. */
  public long next(long fromBit) {
    long end = (long) length * 8;
    for (long p = Math.max(0, fromBit); p < end; p++) {
      long v = peek(p);
      int type = (int) (v >>> 1) & 3;
      if ((type == 2 && dynamicHeaderAt(p, v)) || (type == 0 && storedHeaderAt(p))) {
        return p;
      }
    }
    return -1;
  }

  /** 57 or more bits starting at bit {@code p}, low bit first; zero past the end. */
  private long peek(long p) {
    int i = (int) (p >>> 3);
    if (i + 8 <= length) {
      return (long) LONG_LE.get(data, i) >>> (p & 7);
    }
    long v = 0;
    for (int k = 0; k < 8 && i + k < length; k++) {
      v |= (long) (data[i + k] & 0xFF) << (8 * k);
    }
    return v >>> (p & 7);
  }

  private boolean storedHeaderAt(long p) {
    long afterType = p + 3;
    long aligned = (afterType + 7) & ~7L;
    if (aligned - afterType > 0 && (peek(afterType) & ((1L << (aligned - afterType)) - 1)) != 0) {
      return false; // deflaters pad to the byte with zero bits
    }
    int i = (int) (aligned >>> 3);
    if (i + 4 > length) {
      return false;
    }
    int len = (data[i] & 0xFF) | (data[i + 1] & 0xFF) << 8;
    int nlen = (data[i + 2] & 0xFF) | (data[i + 3] & 0xFF) << 8;
    return len == (~nlen & 0xFFFF);
  }

  private boolean dynamicHeaderAt(long p, long v) {
    int hlit = (int) (v >>> 3) & 31;
    int hdist = (int) (v >>> 8) & 31;
    if (hlit > 29 || hdist > 29) {
      return false;
    }
    int ncl = ((int) (v >>> 13) & 15) + 4;
    long end = (long) length * 8;
    long bit = p + 17;
    if (bit + 3L * ncl > end) {
      return false;
    }
    long cl = peek(bit);
    byte[] clLens = new byte[19];
    for (int k = 0; k < ncl; k++) {
      clLens[HuffmanTables.CODELEN_ORDER[k]] = (byte) ((cl >>> (3 * k)) & 7);
    }
    bit += 3L * ncl;
    if (HuffmanTables.defect(clLens, 0, 19, false) != null) {
      return false; // the code-length code must be complete
    }
    int[] code = new int[1 << HuffmanTables.CODELEN_ROOT]; // decoded as the inflater decodes it
    HuffmanTables.build(code, clLens, 0, 19, HuffmanTables.CODELEN_ROOT, HuffmanTables.CODELEN_SYMBOLS, false);
    int total = hlit + 257 + hdist + 1;
    byte[] lens = new byte[total];
    int n = 0;
    while (n < total) {
      if (bit + 15 > end) {
        return false;
      }
      long w = peek(bit);
      int e = code[(int) w & ((1 << HuffmanTables.CODELEN_ROOT) - 1)];
      if ((e & HuffmanTables.KIND_MASK) != HuffmanTables.KIND_LITERAL) {
        return false; // no code-length codes at all
      }
      int sym = e >>> 16;
      bit += e & 15;
      w >>>= e & 15;
      int repeat;
      int value;
      if (sym < 16) {
        lens[n++] = (byte) sym;
        continue;
      } else if (sym == 16) {
        if (n == 0) {
          return false;
        }
        value = lens[n - 1];
        repeat = 3 + (int) (w & 3);
        bit += 2;
      } else if (sym == 17) {
        value = 0;
        repeat = 3 + (int) (w & 7);
        bit += 3;
      } else {
        value = 0;
        repeat = 11 + (int) (w & 127);
        bit += 7;
      }
      if (n + repeat > total) {
        return false;
      }
      for (int k = 0; k < repeat; k++) {
        lens[n++] = (byte) value;
      }
    }
    if (lens[256] == 0) {
      return false; // no end-of-block code
    }
    // the inflater's own rule for lit/len and distance codes (an absent distance code included)
    return HuffmanTables.defect(lens, 0, hlit + 257, true) == null
        && HuffmanTables.defect(lens, hlit + 257, hdist + 1, true) == null;
  }
}
