package dev.sociscope.core.gzip;

import java.util.Arrays;

/**
 * Table-driven Huffman decoding for DEFLATE (RFC 1951 3.2). A table is an int array: a primary part indexed by the
 * next {@code root} input bits (LSB first), and sub-tables for longer codes, as in zlib's inflate_table.
 *
 * <p>Entry layout: bits 0-3 = code bits to consume, bits 4-7 = kind, bits 8-15 = extra bits (or sub-table bits),
 * bits 16-31 = value (literal byte, length/distance base, or sub-table start).
 */
final class HuffmanTables {
  static final int KIND_LITERAL = 0x00;
  static final int KIND_BASE = 0x10;
  static final int KIND_END = 0x20;
  static final int KIND_SUB = 0x30;
  static final int KIND_INVALID = 0x40;
  static final int KIND_MASK = 0xF0;

  static final int LIT_ROOT = 10;
  static final int DIST_ROOT = 8;
  static final int CODELEN_ROOT = 7;
  /** Large enough for any complete code (zlib's ENOUGH for these roots is 1332 and 400). */
  static final int LIT_SIZE = 2048;
  static final int DIST_SIZE = 1024;

  private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
      67, 83, 99, 115, 131, 163, 195, 227, 258};
  private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
      5, 5, 5, 5, 0};
  private static final int[] DIST_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513,
      769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
  private static final int[] DIST_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10,
      11, 11, 12, 12, 13, 13};

  /** The order in which a dynamic block header lists the code-length code's lengths (RFC 1951 3.2.7). */
  static final int[] CODELEN_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
  static final int[] LIT_SYMBOLS = new int[288];
  static final int[] DIST_SYMBOLS = new int[32];
  static final int[] CODELEN_SYMBOLS = new int[19];
  static final int[] FIXED_LIT = new int[LIT_SIZE];
  static final int[] FIXED_DIST = new int[DIST_SIZE];

  static {
    for (int s = 0; s < 256; s++) {
      LIT_SYMBOLS[s] = KIND_LITERAL | s << 16;
    }
    LIT_SYMBOLS[256] = KIND_END;
    for (int s = 257; s < 286; s++) {
      LIT_SYMBOLS[s] = KIND_BASE | LENGTH_EXTRA[s - 257] << 8 | LENGTH_BASE[s - 257] << 16;
    }
    LIT_SYMBOLS[286] = KIND_INVALID;
    LIT_SYMBOLS[287] = KIND_INVALID;
    for (int s = 0; s < 30; s++) {
      DIST_SYMBOLS[s] = KIND_BASE | DIST_EXTRA[s] << 8 | DIST_BASE[s] << 16;
    }
    DIST_SYMBOLS[30] = KIND_INVALID;
    DIST_SYMBOLS[31] = KIND_INVALID;
    for (int s = 0; s < 19; s++) {
      CODELEN_SYMBOLS[s] = KIND_LITERAL | s << 16;
    }
    byte[] lens = new byte[288];
    Arrays.fill(lens, 0, 144, (byte) 8);
    Arrays.fill(lens, 144, 256, (byte) 9);
    Arrays.fill(lens, 256, 280, (byte) 7);
    Arrays.fill(lens, 280, 288, (byte) 8);
    byte[] dlens = new byte[32];
    Arrays.fill(dlens, (byte) 5);
    try {
      build(FIXED_LIT, lens, 0, 288, LIT_ROOT, LIT_SYMBOLS, true);
      build(FIXED_DIST, dlens, 0, 32, DIST_ROOT, DIST_SYMBOLS, true);
    } catch (IllegalArgumentException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private HuffmanTables() {}

  /**
   * What zlib finds wrong with the code lengths {@code lens[off .. off+count)}: "over-subscribed", "incomplete", or
   * null when they form a code it accepts (no codes at all included). The one rule for the inflater's tables and for
   * the search for block starts ({@link BlockFinder}).
   *
   * @param allowSingle accept an incomplete code that consists of a single 1-bit code (zlib does for lit/dist)
   */
  static String defect(byte[] lens, int off, int count, boolean allowSingle) {
    return defect(counts(lens, off, count), allowSingle);
  }

  /** {@link #defect(byte[], int, int, boolean)} from the counts of each code length ({@link #counts}). */
  private static String defect(int[] cnt, boolean allowSingle) {
    int max = maxLength(cnt);
    if (max == 0) {
      return null;
    }
    int left = 1;
    for (int len = 1; len <= 15; len++) {
      left = (left << 1) - cnt[len];
      if (left < 0) {
        return "over-subscribed";
      }
    }
    return left > 0 && !(allowSingle && max == 1) ? "incomplete" : null;
  }

  /** How many codes of each length 1..15 (index 0 unused). */
  private static int[] counts(byte[] lens, int off, int count) {
    int[] cnt = new int[16];
    for (int i = 0; i < count; i++) {
      cnt[lens[off + i]]++;
    }
    cnt[0] = 0;
    return cnt;
  }

  private static int maxLength(int[] cnt) {
    int max = 15;
    while (max >= 1 && cnt[max] == 0) {
      max--;
    }
    return max;
  }

  /**
   * Fills {@code table} for the code lengths {@code lens[off .. off+count)}.
   *
   * @param allowSingle accept an incomplete code that consists of a single 1-bit code (zlib does for lit/dist)
   * @throws IllegalArgumentException naming the defect when the lengths do not form a valid prefix code
   */
  static void build(int[] table, byte[] lens, int off, int count, int root, int[] symbols, boolean allowSingle) {
    int[] cnt = counts(lens, off, count); // counted once per table: this runs for every dynamic block
    String defect = defect(cnt, allowSingle);
    if (defect != null) {
      throw new IllegalArgumentException(defect);
    }
    int max = maxLength(cnt);
    int rootSize = 1 << root;
    Arrays.fill(table, 0, rootSize, KIND_INVALID);
    if (max == 0) {
      return; // no codes at all: every lookup is invalid (legal for a distance code of literal-only blocks)
    }
    int[] offs = new int[17];
    for (int len = 1; len <= 15; len++) {
      offs[len + 1] = offs[len] + cnt[len];
    }
    int[] sorted = new int[count];
    for (int i = 0; i < count; i++) {
      int l = lens[off + i];
      if (l != 0) {
        sorted[offs[l]++] = i;
      }
    }
    int[] remaining = cnt.clone();
    int code = 0;
    int idx = 0;
    int next = rootSize;
    int curPrefix = -1;
    int subBase = 0;
    int subBits = 0;
    for (int len = 1; len <= max; len++) {
      for (int k = 0; k < cnt[len]; k++) {
        int entry = symbols[sorted[idx++]];
        int rev = Integer.reverse(code) >>> (32 - len);
        if (len <= root) {
          int e = entry | len;
          for (int j = rev; j < rootSize; j += 1 << len) {
            table[j] = e;
          }
        } else {
          int prefix = rev & (rootSize - 1);
          if (prefix != curPrefix) {
            int cur = len - root;
            int lft = 1 << cur;
            while (cur + root < max) {
              lft -= remaining[cur + root];
              if (lft <= 0) {
                break;
              }
              cur++;
              lft <<= 1;
            }
            subBits = cur;
            subBase = next;
            next += 1 << subBits;
            if (next > table.length) {
              throw new IllegalArgumentException("table overflow");
            }
            Arrays.fill(table, subBase, next, KIND_INVALID);
            table[prefix] = KIND_SUB | root | subBits << 8 | subBase << 16;
            curPrefix = prefix;
          }
          int sub = len - root;
          int e = entry | sub;
          for (int j = rev >>> root; j < 1 << subBits; j += 1 << sub) {
            table[subBase + j] = e;
          }
        }
        remaining[len]--;
        code++;
      }
      code <<= 1;
    }
  }
}
