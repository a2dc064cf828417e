package dev.sociscope.core.gzip;

import static dev.sociscope.core.gzip.HuffmanTables.KIND_BASE;
import static dev.sociscope.core.gzip.HuffmanTables.KIND_END;
import static dev.sociscope.core.gzip.HuffmanTables.KIND_LITERAL;
import static dev.sociscope.core.gzip.HuffmanTables.KIND_MASK;
import static dev.sociscope.core.gzip.HuffmanTables.KIND_SUB;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * A pure-Java DEFLATE (RFC 1951) decoder with gzip framing (RFC 1952) that exposes what {@link java.util.zip.Inflater}
 * hides: every block boundary with its exact bit position, the 32 KiB window there, and resuming from such a point.
 *
 * <p>Output goes into one byte array that keeps the last 32 KiB of history in front of the new data, so matches are
 * plain array copies and the window at a boundary is a slice of it. Input bits sit in a {@code long} refilled eight
 * bytes at a time. The decoder pulls from an {@link InputStream}; it is read through this class's own stream methods.
 */
public final class GzipInflater extends InputStream {
  /** Size of the DEFLATE history window and of a checkpoint window. */
  public static final int WINDOW_SIZE = 32768;

  private static final int CHUNK = 1 << 18;
  private static final int MAX_MATCH = 258;
  private static final int LIMIT = WINDOW_SIZE + CHUNK;
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private enum Framing { GZIP, RAW, RESUMED }

  private enum State { MEMBER_HEADER, BLOCK_HEADER, STORED, HUFFMAN, MEMBER_END, DONE }

  private final InputStream in;
  private final Framing framing;
  private final byte[] inBuf = new byte[1 << 16];
  private int inPos;
  private int inLen;
  /** Absolute compressed offset of {@code inBuf[0]}. */
  private long inBase;
  private boolean inEof;
  private long bitBuf;
  private int bitCnt;

  private final byte[] win = new byte[LIMIT + MAX_MATCH + 16];
  private int pos = WINDOW_SIZE;
  private int readPos = WINDOW_SIZE;
  /** Absolute uncompressed offset of {@code win[0]}. */
  private long outBase;
  /** Where decoding pauses: LIMIT, or less when the caller needs output only up to {@link #outputEnd}. */
  private int stop = LIMIT;
  private long outputEnd = Long.MAX_VALUE;
  /** Lowest window index a match may reach: the start of the current deflate stream's history. */
  private int minPos;

  private State state;
  private boolean lastBlock;
  private int storedLeft;
  private int[] litTable;
  private int[] distTable;
  private final int[] dynLit = new int[HuffmanTables.LIT_SIZE];
  private final int[] dynDist = new int[HuffmanTables.DIST_SIZE];
  private final int[] codelenTable = new int[1 << HuffmanTables.CODELEN_ROOT];
  private final byte[] lens = new byte[320];

  private final CRC32 crc = new CRC32();
  private int crcPos = WINDOW_SIZE;
  private long memberStartOut;
  private boolean checkMember;
  private int members;
  private BlockBoundaryListener listener;
  private IOException pendingError;

  private GzipInflater(InputStream in, Framing framing, long inBase) {
    this.in = Objects.requireNonNull(in, "in");
    this.framing = framing;
    this.inBase = inBase;
  }

  /** Reads a gzip stream of one or more members, starting at compressed offset 0. */
  public static GzipInflater gzip(InputStream in) {
    GzipInflater g = new GzipInflater(in, Framing.GZIP, 0);
    g.outBase = -WINDOW_SIZE;
    g.state = State.MEMBER_HEADER;
    return g;
  }

  /** Reads one raw DEFLATE stream (no header, no trailer) and stops after its final block. */
  public static GzipInflater raw(InputStream in) {
    GzipInflater g = new GzipInflater(in, Framing.RAW, 0);
    g.outBase = -WINDOW_SIZE;
    g.minPos = WINDOW_SIZE;
    g.state = State.BLOCK_HEADER;
    return g;
  }

  /**
   * Resumes inflation at a checkpoint (spec 5.5) and carries on across later gzip members.
   *
   * @param in the layer bytes starting at {@code compressedOffset - 1} when {@code bits > 0}, else at
   *     {@code compressedOffset}
   * @param window the 32768 bytes of output before {@code uncompressedOffset}
   */
  public static GzipInflater resume(InputStream in, long compressedOffset, int bits, long uncompressedOffset,
      byte[] window) throws IOException {
    if (bits < 0 || bits > 7) {
      throw new IllegalArgumentException("bits must be 0..7, got " + bits);
    }
    if (window.length != WINDOW_SIZE) {
      throw new IllegalArgumentException("window must be " + WINDOW_SIZE + " bytes, got " + window.length);
    }
    GzipInflater g = new GzipInflater(in, Framing.RESUMED, compressedOffset);
    if (bits > 0) {
      int b = in.read();
      if (b < 0) {
        throw new GzipFormatException("no input at checkpoint", compressedOffset - 1, true);
      }
      g.bitBuf = (b & 0xFF) >>> (8 - bits);
      g.bitCnt = bits;
    }
    System.arraycopy(window, 0, g.win, 0, WINDOW_SIZE);
    g.outBase = uncompressedOffset - WINDOW_SIZE;
    g.state = State.BLOCK_HEADER;
    return g;
  }

  /**
   * Resumes at a block that starts at bit {@code bitPosition} of the blob ({@link BlockFinder}), with a window that
   * may be a stand-in for the unknown one.
   *
   * @param in the blob's bytes from byte {@code bitPosition / 8} on
   */
  public static GzipInflater resumeAtBit(InputStream in, long bitPosition, long uncompressedOffset, byte[] window)
      throws IOException {
    int inByte = (int) (bitPosition & 7);
    return inByte == 0
        ? resume(in, bitPosition >>> 3, 0, uncompressedOffset, window)
        : resume(in, (bitPosition >>> 3) + 1, 8 - inByte, uncompressedOffset, window);
  }

  /** Sets who is told about block boundaries (called from inside the read methods). */
  public void setBoundaryListener(BlockBoundaryListener listener) {
    this.listener = listener;
  }

  /** Output produced so far (the checkpoint "out"). */
  public long uncompressedPosition() {
    return outBase + pos;
  }

  /**
   * Decodes only as far as needed to hand out output up to uncompressed offset {@code end} (exclusive), so that no
   * more input is read than those bytes need: a lazy read of one small file stops fetching where the file ends.
   * Reading past {@code end} still works, it only decodes in smaller steps.
   */
  public void stopOutputAt(long end) {
    outputEnd = end;
  }

  /** Bits of input consumed so far, counted from the start of the blob. */
  public long compressedBitPosition() {
    return (inBase + inPos) * 8 - bitCnt;
  }

  /** Copies the 32768 output bytes before the current position (zero-padded at the start) into {@code dst}. */
  public void copyWindow(byte[] dst) {
    System.arraycopy(win, pos - WINDOW_SIZE, dst, 0, WINDOW_SIZE);
  }

  /** The number of gzip members whose trailer has been checked so far. */
  public int membersCompleted() {
    return members;
  }

  // ---- InputStream ----

  @Override
  public int read() throws IOException {
    if (readPos == pos && !fill()) {
      return -1;
    }
    return win[readPos++] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (readPos == pos && !fill()) {
      return -1;
    }
    int n = Math.min(len, pos - readPos);
    System.arraycopy(win, readPos, b, off, n);
    readPos += n;
    return n;
  }

  /** Decodes and drops up to {@code n} bytes; returns fewer only at the end of the stream. */
  @Override
  public long skip(long n) throws IOException {
    long done = 0;
    while (done < n) {
      if (readPos == pos && !fill()) {
        break;
      }
      int k = (int) Math.min(n - done, pos - readPos);
      readPos += k;
      done += k;
    }
    return done;
  }

  @Override
  public int available() {
    return pos - readPos;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Decodes more output; false at the end of the stream. */
  private boolean fill() throws IOException {
    if (pendingError != null) {
      throw pendingError;
    }
    if (state == State.DONE) {
      return false;
    }
    if (pos >= LIMIT) {
      slide();
    }
    int start = pos;
    // decode no further than asked (plus at least one byte, so reading past outputEnd still progresses)
    long wanted = outputEnd - outBase; // outBase >= -WINDOW_SIZE, so this cannot overflow below MAX_VALUE
    stop = outputEnd == Long.MAX_VALUE ? LIMIT : (int) Math.max(Math.min(LIMIT, pos + 1), Math.min(LIMIT, wanted));
    try {
      decode();
    } catch (GzipFormatException e) {
      if (pos > start && e.isTruncated()) {
        pendingError = e; // hand out what was decoded before the input ran out
      } else {
        throw e;
      }
    }
    return pos > readPos || fill();
  }

  private void slide() {
    updateCrc();
    int shift = pos - WINDOW_SIZE;
    System.arraycopy(win, shift, win, 0, WINDOW_SIZE);
    outBase += shift;
    pos = WINDOW_SIZE;
    readPos = WINDOW_SIZE;
    crcPos = WINDOW_SIZE;
    minPos = Math.max(0, minPos - shift);
  }

  private void updateCrc() {
    if (pos > crcPos) {
      crc.update(win, crcPos, pos - crcPos);
    }
    crcPos = pos;
  }

  private void decode() throws IOException {
    while (pos < stop) {
      switch (state) {
        case MEMBER_HEADER:
          if (!readMemberHeader()) {
            state = State.DONE;
            return;
          }
          state = State.BLOCK_HEADER;
          fire(false, true);
          break;
        case BLOCK_HEADER:
          readBlockHeader();
          break;
        case STORED:
          copyStored();
          break;
        case HUFFMAN:
          if (decodeHuffman()) {
            state = lastBlock ? State.MEMBER_END : State.BLOCK_HEADER;
            fire(lastBlock, false);
          }
          break;
        case MEMBER_END:
          endMember();
          if (state == State.DONE) {
            return;
          }
          break;
        default:
          return;
      }
    }
  }

  private void fire(boolean finalBlock, boolean afterHeader) throws IOException {
    if (listener != null) {
      long p = compressedBitPosition();
      long inOff = (p + 7) >>> 3;
      int bits = (int) ((8 - (p & 7)) & 7);
      listener.onBoundary(this, new BlockBoundary(inOff, bits, uncompressedPosition(), finalBlock, afterHeader));
    }
  }

  // ---- input ----

  private long byteOffset() {
    return inBase + inPos - (bitCnt >>> 3);
  }

  /** Makes room and reads more input; keeps 8 bytes of history so whole bytes in the bit buffer can be unread. */
  private boolean readInput() throws IOException {
    if (inEof) {
      return false;
    }
    if (inLen == inBuf.length) {
      int keep = Math.min(inPos, 8);
      int from = inPos - keep;
      System.arraycopy(inBuf, from, inBuf, 0, inLen - from);
      inBase += from;
      inPos -= from;
      inLen -= from;
    }
    int n = in.read(inBuf, inLen, inBuf.length - inLen);
    if (n < 0) {
      inEof = true;
      return false;
    }
    inLen += n;
    return true;
  }

  /** Tops the bit buffer up to at least 56 bits, or to whatever input is left. */
  private void refillSlow() throws IOException {
    while (bitCnt <= 56) {
      if (inLen - inPos >= 8) {
        bitBuf |= (long) LONG_LE.get(inBuf, inPos) << bitCnt;
        int nb = (63 - bitCnt) >>> 3;
        inPos += nb;
        bitCnt += nb << 3;
        return;
      }
      if (inPos < inLen) {
        bitBuf |= (long) (inBuf[inPos++] & 0xFF) << bitCnt;
        bitCnt += 8;
      } else if (!readInput()) {
        return;
      }
    }
  }

  private int bits(int n) throws IOException {
    if (bitCnt < n) {
      refillSlow();
      if (bitCnt < n) {
        throw truncated("inside a block header");
      }
    }
    int v = (int) (bitBuf & ((1L << n) - 1));
    bitBuf >>>= n;
    bitCnt -= n;
    return v;
  }

  /** Drops the bits of a partial byte and gives whole bytes in the bit buffer back to the input buffer. */
  private void alignToByte() {
    bitCnt -= bitCnt & 7;
    inPos -= bitCnt >>> 3;
    bitCnt = 0;
    bitBuf = 0;
  }

  /** Next byte after {@link #alignToByte()}; -1 at the end of input. */
  private int nextByte() throws IOException {
    if (inPos == inLen && !readInput()) {
      return -1;
    }
    return inBuf[inPos++] & 0xFF;
  }

  private int requireByte(String where) throws IOException {
    int b = nextByte();
    if (b < 0) {
      throw truncated(where);
    }
    return b;
  }

  private GzipFormatException truncated(String where) {
    return new GzipFormatException("compressed data ends too early " + where, inBase + inLen, true);
  }

  private GzipFormatException corrupt(String what) {
    return new GzipFormatException(what, byteOffset());
  }

  // ---- gzip framing ----

  /** Parses a member header; false when the input ends cleanly before it. */
  private boolean readMemberHeader() throws IOException {
    long start = inBase + inPos;
    int id1 = nextByte();
    if (id1 < 0) {
      if (members == 0 && framing == Framing.GZIP) {
        throw new GzipFormatException("empty input: no gzip header", start, true);
      }
      return false;
    }
    CRC32 hcrc = new CRC32();
    int id2 = requireByte("in the gzip header");
    if (id1 != 0x1f || id2 != 0x8b) {
      if (members > 0 || framing == Framing.RESUMED) {
        throw new GzipFormatException("trailing garbage after the last gzip member", start);
      }
      throw new GzipFormatException("not a gzip stream (bad magic bytes)", start);
    }
    hcrc.update(id1);
    hcrc.update(id2);
    int cm = headerByte(hcrc);
    if (cm != 8) {
      throw new GzipFormatException("unknown gzip compression method " + cm, start + 2);
    }
    int flg = headerByte(hcrc);
    if ((flg & 0xE0) != 0) {
      throw new GzipFormatException("reserved gzip header flags set: 0x" + Integer.toHexString(flg), start + 3);
    }
    for (int i = 0; i < 6; i++) {
      headerByte(hcrc); // MTIME, XFL, OS
    }
    if ((flg & 4) != 0) {
      int xlen = headerByte(hcrc) | headerByte(hcrc) << 8;
      for (int i = 0; i < xlen; i++) {
        headerByte(hcrc);
      }
    }
    if ((flg & 8) != 0) {
      while (headerByte(hcrc) != 0) {
        // FNAME
      }
    }
    if ((flg & 16) != 0) {
      while (headerByte(hcrc) != 0) {
        // FCOMMENT
      }
    }
    if ((flg & 2) != 0) {
      int expect = (int) (hcrc.getValue() & 0xFFFF);
      int got = requireByte("in the gzip header") | requireByte("in the gzip header") << 8;
      if (got != expect) {
        throw new GzipFormatException("gzip header CRC mismatch", inBase + inPos - 2);
      }
    }
    updateCrc();
    crc.reset();
    memberStartOut = uncompressedPosition();
    checkMember = true;
    minPos = pos;
    return true;
  }

  private int headerByte(CRC32 hcrc) throws IOException {
    int b = requireByte("in the gzip header");
    hcrc.update(b);
    return b;
  }

  private void endMember() throws IOException {
    if (framing == Framing.RAW) {
      state = State.DONE;
      return;
    }
    alignToByte();
    long at = inBase + inPos;
    long expectCrc = 0;
    long expectSize = 0;
    for (int i = 0; i < 4; i++) {
      expectCrc |= (long) requireByte("in the gzip trailer") << (8 * i);
    }
    for (int i = 0; i < 4; i++) {
      expectSize |= (long) requireByte("in the gzip trailer") << (8 * i);
    }
    updateCrc();
    if (checkMember) {
      if (crc.getValue() != expectCrc) {
        throw new GzipFormatException(String.format("gzip member CRC32 mismatch: data has %08x, trailer says %08x",
            crc.getValue(), expectCrc), at);
      }
      long size = (uncompressedPosition() - memberStartOut) & 0xFFFFFFFFL;
      if (size != expectSize) {
        throw new GzipFormatException("gzip member size mismatch: data has " + size + " bytes (mod 2^32), trailer "
            + "says " + expectSize, at + 4);
      }
    }
    members++;
    state = State.MEMBER_HEADER;
  }

  // ---- deflate blocks ----

  private void readBlockHeader() throws IOException {
    lastBlock = bits(1) == 1;
    int type = bits(2);
    switch (type) {
      case 0:
        alignToByte();
        int a = requireByte("in a stored block header");
        int b = requireByte("in a stored block header");
        int c = requireByte("in a stored block header");
        int d = requireByte("in a stored block header");
        int len = a | b << 8;
        int nlen = c | d << 8;
        if (len != (~nlen & 0xFFFF)) {
          throw new GzipFormatException("stored block length " + len + " does not match its complement",
              inBase + inPos - 4);
        }
        storedLeft = len;
        state = State.STORED;
        break;
      case 1:
        litTable = HuffmanTables.FIXED_LIT;
        distTable = HuffmanTables.FIXED_DIST;
        state = State.HUFFMAN;
        break;
      case 2:
        readDynamicTables();
        litTable = dynLit;
        distTable = dynDist;
        state = State.HUFFMAN;
        break;
      default:
        throw corrupt("invalid deflate block type 3");
    }
  }

  private void copyStored() throws IOException {
    while (storedLeft > 0 && pos < stop) {
      if (inPos == inLen && !readInput()) {
        throw truncated("inside a stored block");
      }
      int n = Math.min(Math.min(storedLeft, inLen - inPos), stop - pos);
      System.arraycopy(inBuf, inPos, win, pos, n);
      inPos += n;
      pos += n;
      storedLeft -= n;
    }
    if (storedLeft == 0) {
      state = lastBlock ? State.MEMBER_END : State.BLOCK_HEADER;
      fire(lastBlock, false);
    }
  }

  private void readDynamicTables() throws IOException {
    int hlit = bits(5) + 257;
    int hdist = bits(5) + 1;
    int hclen = bits(4) + 4;
    if (hlit > 286 || hdist > 30) {
      throw corrupt("too many length or distance codes (" + hlit + ", " + hdist + ")");
    }
    Arrays.fill(lens, (byte) 0);
    for (int i = 0; i < hclen; i++) {
      lens[HuffmanTables.CODELEN_ORDER[i]] = (byte) bits(3);
    }
    buildTable(codelenTable, 0, 19, HuffmanTables.CODELEN_ROOT, HuffmanTables.CODELEN_SYMBOLS, false,
        "code length");
    int n = hlit + hdist;
    int i = 0;
    Arrays.fill(lens, 0, 19, (byte) 0);
    while (i < n) {
      if (bitCnt < 16) {
        refillSlow();
      }
      int e = codelenTable[(int) bitBuf & 0x7F];
      if ((e & KIND_MASK) != KIND_LITERAL) {
        throw corrupt("invalid code length code");
      }
      int cl = e & 15;
      if (cl > bitCnt) {
        throw truncated("inside a block header");
      }
      bitBuf >>>= cl;
      bitCnt -= cl;
      int sym = e >>> 16;
      if (sym < 16) {
        lens[i++] = (byte) sym;
        continue;
      }
      int rep;
      byte val = 0;
      if (sym == 16) {
        if (i == 0) {
          throw corrupt("code length repeat with no previous length");
        }
        val = lens[i - 1];
        rep = 3 + bits(2);
      } else if (sym == 17) {
        rep = 3 + bits(3);
      } else {
        rep = 11 + bits(7);
      }
      if (i + rep > n) {
        throw corrupt("code length repeat runs past the end");
      }
      Arrays.fill(lens, i, i + rep, val);
      i += rep;
    }
    if (lens[256] == 0) {
      throw corrupt("dynamic block has no end-of-block code");
    }
    buildTable(dynLit, 0, hlit, HuffmanTables.LIT_ROOT, HuffmanTables.LIT_SYMBOLS, true, "literal/length");
    buildTable(dynDist, hlit, hdist, HuffmanTables.DIST_ROOT, HuffmanTables.DIST_SYMBOLS, true, "distance");
  }

  private void buildTable(int[] table, int off, int count, int root, int[] symbols, boolean allowSingle,
      String what) throws GzipFormatException {
    try {
      HuffmanTables.build(table, lens, off, count, root, symbols, allowSingle);
    } catch (IllegalArgumentException e) {
      throw corrupt("invalid " + what + " code lengths (" + e.getMessage() + ")");
    }
  }

  /** Decodes symbols until the end-of-block code (true) or until the output chunk is full (false). */
  private boolean decodeHuffman() throws IOException {
    while (true) {
      int r = decodeFast();
      if (r >= 0) {
        return r == 1;
      }
      if (!bufferInput(8)) {
        return decodeCareful();
      }
    }
  }

  /** Reads until {@code n} input bytes are buffered; false if the input ends first. */
  private boolean bufferInput(int n) throws IOException {
    while (inLen - inPos < n) {
      if (!readInput()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The hot loop, used while at least 8 input bytes are buffered so that every refill is one 8-byte load. After a
   * refill at least 48 bits are buffered, enough for a whole length/distance pair (15+5+15+13 bits) or for two
   * literals. Returns 1 at the end-of-block code, 0 when the output chunk is full, -1 when input runs low.
   */
  private int decodeFast() throws IOException {
    final byte[] w = win;
    final byte[] ib = inBuf;
    final int[] lt = litTable;
    final int[] dt = distTable;
    final int litMask = (1 << HuffmanTables.LIT_ROOT) - 1;
    final int distMask = (1 << HuffmanTables.DIST_ROOT) - 1;
    final int floor = minPos;
    final int inEnd = inLen - 8;
    long bb = bitBuf;
    int bc = bitCnt;
    int p = pos;
    int ip = inPos;
    int result = 0;
    final int end = stop;
    try {
      while (p < end) {
        if (bc < 48) {
          if (ip > inEnd) {
            result = -1;
            break;
          }
          bb |= (long) LONG_LE.get(ib, ip) << bc;
          int nb = (63 - bc) >>> 3;
          ip += nb;
          bc += nb << 3;
        }
        int e = lt[(int) bb & litMask];
        if ((e & KIND_MASK) == KIND_SUB) {
          bb >>>= HuffmanTables.LIT_ROOT;
          bc -= HuffmanTables.LIT_ROOT;
          e = lt[(e >>> 16) + ((int) bb & ((1 << ((e >>> 8) & 0xFF)) - 1))];
        }
        int n = e & 15;
        bb >>>= n;
        bc -= n;
        int kind = e & KIND_MASK;
        if (kind == KIND_LITERAL) {
          w[p++] = (byte) (e >>> 16);
          // at least 33 bits remain: room for a second literal from the primary table without a refill
          e = lt[(int) bb & litMask];
          if ((e & KIND_MASK) == KIND_LITERAL) {
            n = e & 15;
            bb >>>= n;
            bc -= n;
            w[p++] = (byte) (e >>> 16);
          }
          continue;
        }
        if (kind == KIND_BASE) {
          int extra = (e >>> 8) & 0xFF;
          int len = (e >>> 16) + ((int) bb & ((1 << extra) - 1));
          bb >>>= extra;
          bc -= extra;
          int d = dt[(int) bb & distMask];
          if ((d & KIND_MASK) == KIND_SUB) {
            bb >>>= HuffmanTables.DIST_ROOT;
            bc -= HuffmanTables.DIST_ROOT;
            d = dt[(d >>> 16) + ((int) bb & ((1 << ((d >>> 8) & 0xFF)) - 1))];
          }
          n = d & 15;
          bb >>>= n;
          bc -= n;
          if ((d & KIND_MASK) != KIND_BASE) {
            bitCnt = bc;
            inPos = ip;
            throw corrupt("invalid distance code");
          }
          extra = (d >>> 8) & 0xFF;
          int dist = (d >>> 16) + ((int) bb & ((1 << extra) - 1));
          bb >>>= extra;
          bc -= extra;
          int from = p - dist;
          if (from < floor) {
            bitCnt = bc;
            inPos = ip;
            throw corrupt("invalid distance " + dist + ": too far back");
          }
          copyMatch(w, from, p, len, dist);
          p += len;
          continue;
        }
        if (kind == KIND_END) {
          result = 1;
          break;
        }
        bitCnt = bc;
        inPos = ip;
        throw corrupt("invalid literal/length code");
      }
    } finally {
      bitBuf = bb;
      bitCnt = bc;
      inPos = ip;
      pos = p;
    }
    return result;
  }

  /** Copies a match; may write up to 7 bytes past its end (the output array has slack for that). */
  private static void copyMatch(byte[] w, int from, int p, int len, int dist) {
    if (dist >= 8) {
      if (dist >= len && len > 64) {
        System.arraycopy(w, from, w, p, len);
      } else {
        // each 8-byte chunk is read from bytes that are already final, since dist >= 8
        int k = 0;
        do {
          LONG_LE.set(w, p + k, (long) LONG_LE.get(w, from + k));
          k += 8;
        } while (k < len);
      }
    } else if (dist == 1) {
      Arrays.fill(w, p, p + len, w[from]);
    } else {
      for (int k = 0; k < len; k++) {
        w[p + k] = w[from + k];
      }
    }
  }

  /** The same decoding with every step checked against the end of input; used for the last few input bytes. */
  private boolean decodeCareful() throws IOException {
    final int litMask = (1 << HuffmanTables.LIT_ROOT) - 1;
    final int distMask = (1 << HuffmanTables.DIST_ROOT) - 1;
    while (pos < stop) {
      if (bitCnt < 48) {
        refillSlow();
      }
      long bb = bitBuf;
      int bc = bitCnt;
      int e = litTable[(int) bb & litMask];
      int n = e & 15;
      bb >>>= n;
      bc -= n;
      if ((e & KIND_MASK) == KIND_SUB) {
        e = litTable[(e >>> 16) + ((int) bb & ((1 << ((e >>> 8) & 0xFF)) - 1))];
        n = e & 15;
        bb >>>= n;
        bc -= n;
      }
      int kind = e & KIND_MASK;
      int len = 0;
      int dist = 0;
      if (kind == KIND_BASE) {
        int extra = (e >>> 8) & 0xFF;
        len = (e >>> 16) + ((int) bb & ((1 << extra) - 1));
        bb >>>= extra;
        bc -= extra;
        int d = distTable[(int) bb & distMask];
        n = d & 15;
        bb >>>= n;
        bc -= n;
        if ((d & KIND_MASK) == KIND_SUB) {
          d = distTable[(d >>> 16) + ((int) bb & ((1 << ((d >>> 8) & 0xFF)) - 1))];
          n = d & 15;
          bb >>>= n;
          bc -= n;
        }
        if (bc >= 0 && (d & KIND_MASK) != KIND_BASE) {
          throw corrupt("invalid distance code");
        }
        extra = (d >>> 8) & 0xFF;
        dist = (d >>> 16) + ((int) bb & ((1 << extra) - 1));
        bb >>>= extra;
        bc -= extra;
      } else if (kind != KIND_LITERAL && kind != KIND_END) {
        throw corrupt("invalid literal/length code");
      }
      if (bc < 0) {
        throw truncated("inside a compressed block");
      }
      bitBuf = bb;
      bitCnt = bc;
      if (kind == KIND_LITERAL) {
        win[pos++] = (byte) (e >>> 16);
      } else if (kind == KIND_END) {
        return true;
      } else {
        int from = pos - dist;
        if (from < minPos) {
          throw corrupt("invalid distance " + dist + ": too far back");
        }
        copyMatch(win, from, pos, len, dist);
        pos += len;
      }
    }
    return false;
  }
}
