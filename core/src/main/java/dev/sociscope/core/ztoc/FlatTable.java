package dev.sociscope.core.ztoc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A bounds-checked view of one FlatBuffers table (spec 4.6), so corrupt input fails with a
 * {@link ZtocFormatException} that names the field and the byte position instead of an index exception.
 *
 * <p>Every relative offset is followed with 64-bit arithmetic and checked against the buffer before it is used.
 * Strings and vectors are copied only after their declared length has been checked, and all copies made while
 * reading one buffer are charged to a shared budget: a hostile buffer whose vector elements all point at the same
 * large string cannot make the reader allocate far more than the buffer itself.
 */
final class FlatTable {
  private static final int OFFSET_SIZE = 4;

  private final Context ctx;
  private final int table;
  private final int vtable;
  private final int vtableLength;
  /** Where this table is, for messages only: built when a message needs it (a zTOC has thousands of tables). */
  private final FlatTable parent;
  private final String name;
  private final int index;

  /** Shared state of one read: the buffer and the allocation budget. */
  private static final class Context {
    final ByteBuffer bb;
    final int limit;
    long budget;

    Context(ByteBuffer bb, long budget) {
      this.bb = bb;
      this.limit = bb.limit();
      this.budget = budget;
    }
  }

  /**
   * What a check is about, turned into text only when it fails: {@code field} of this table ({@code null}: the
   * table itself), element {@code index} of it ({@code -1}: none), then {@code detail}, into which
   * {@code detailNumber} is put after its first part when {@code detailEnd} is not null (e.g. " (string of ",
   * 12, " bytes)").
   */
  private record Where(FlatTable at, String field, int index, String detail, long detailNumber, String detailEnd) {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(at.path());
      if (field != null) {
        sb.append('.').append(field);
      }
      if (index >= 0) {
        sb.append('[').append(index).append(']');
      }
      sb.append(detail);
      if (detailEnd != null) {
        sb.append(detailNumber).append(detailEnd);
      }
      return sb.toString();
    }
  }

  private FlatTable(Context ctx, long table, FlatTable parent, String name, int index) throws ZtocFormatException {
    this.ctx = ctx;
    this.parent = parent;
    this.name = name;
    this.index = index;
    checkRange(table, 4, this, null, -1, " (table start)");
    this.table = (int) table;
    long vt = table - ctx.bb.getInt(this.table);
    checkRange(vt, 4, this, null, -1, " (vtable header)");
    this.vtable = (int) vt;
    this.vtableLength = Short.toUnsignedInt(ctx.bb.getShort(vtable));
    if (vtable < 0 || vtableLength < 0 || (long) vtable + vtableLength > ctx.limit) {
      fail(vtable, vtableLength, new Where(this, null, -1, " (vtable of ", vtableLength, " bytes)"));
    }
    ctx.budget -= 32; // each table materializes at least one small object
    checkBudget(null);
  }

  /**
   * The root table of {@code bytes}. {@code budget} caps the bytes the caller may copy out of the buffer
   * (strings, vectors and a fixed charge per table); exceeding it means shared offsets, i.e. a hostile buffer.
   */
  static FlatTable root(byte[] bytes, String name, long budget) throws ZtocFormatException {
    ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 4) {
      throw new ZtocFormatException(name + ": buffer is " + bytes.length + " bytes, too short for a root offset");
    }
    Context ctx = new Context(bb, budget);
    return new FlatTable(ctx, Integer.toUnsignedLong(bb.getInt(0)), null, name, -1);
  }

  /** A path such as {@code Ztoc.toc.metadata[3]}, for messages. */
  String path() {
    if (parent == null) {
      return name;
    }
    return parent.path() + "." + name + (index >= 0 ? "[" + index + "]" : "");
  }

  /** Checks that {@code [pos, pos + len)} lies in the buffer; {@code field}, {@code index}, {@code detail} name it. */
  private void checkRange(long pos, long len, FlatTable at, String field, int index, String detail)
      throws ZtocFormatException {
    if (pos < 0 || len < 0 || pos + len > ctx.limit) {
      fail(pos, len, new Where(at, field, index, detail, 0, null));
    }
  }

  private void fail(long pos, long len, Where what) throws ZtocFormatException {
    throw new ZtocFormatException(what + ": " + len + " bytes at byte " + pos + " lie outside the "
        + ctx.limit + "-byte buffer");
  }

  private void charge(long bytes, String field, int index) throws ZtocFormatException {
    ctx.budget -= bytes;
    checkBudget(field, index);
  }

  private void checkBudget(String field) throws ZtocFormatException {
    checkBudget(field, -1);
  }

  private void checkBudget(String field, int index) throws ZtocFormatException {
    if (ctx.budget < 0) {
      throw new ZtocFormatException(new Where(this, field, index, "", 0, null) + ": the buffer references more"
          + " data than its " + ctx.limit + " bytes can hold (offsets shared between fields)");
    }
  }

  /** Position of field {@code slot}, or 0 when absent. */
  private int fieldPos(int slot) {
    int entry = 4 + 2 * slot;
    if (entry + 2 > vtableLength) {
      return 0;
    }
    int off = Short.toUnsignedInt(ctx.bb.getShort(vtable + entry));
    return off == 0 ? 0 : table + off;
  }

  /** Whether field {@code slot} is stored (not left out as a default). */
  boolean has(int slot) {
    return fieldPos(slot) != 0;
  }

  byte getByte(int slot, String field, byte dflt) throws ZtocFormatException {
    int p = scalarPos(slot, 1, field);
    return p == 0 ? dflt : ctx.bb.get(p);
  }

  int getInt(int slot, String field, int dflt) throws ZtocFormatException {
    int p = scalarPos(slot, 4, field);
    return p == 0 ? dflt : ctx.bb.getInt(p);
  }

  long getLong(int slot, String field, long dflt) throws ZtocFormatException {
    int p = scalarPos(slot, 8, field);
    return p == 0 ? dflt : ctx.bb.getLong(p);
  }

  /** Where a scalar field of {@code size} bytes is, range-checked; 0 when absent (the default applies). */
  private int scalarPos(int slot, int size, String field) throws ZtocFormatException {
    int p = fieldPos(slot);
    if (p != 0) {
      checkRange(p, size, this, field, -1, "");
    }
    return p;
  }

  /** Follows the uoffset stored at {@code pos}. */
  private long follow(long pos, String field, int index) throws ZtocFormatException {
    checkRange(pos, OFFSET_SIZE, this, field, index, " (offset)");
    return pos + Integer.toUnsignedLong(ctx.bb.getInt((int) pos));
  }

  /** The nested table in field {@code slot}, or null when absent. */
  FlatTable table(int slot, String field) throws ZtocFormatException {
    int p = fieldPos(slot);
    if (p == 0) {
      return null;
    }
    return new FlatTable(ctx, follow(p, field, -1), this, field, -1);
  }

  /** The raw bytes of the string in field {@code slot} (no terminator), or null when absent. */
  byte[] string(int slot, String field) throws ZtocFormatException {
    int p = fieldPos(slot);
    if (p == 0) {
      return null;
    }
    return readString(follow(p, field, -1), field, -1);
  }

  private byte[] readString(long pos, String field, int index) throws ZtocFormatException {
    checkRange(pos, 4, this, field, index, " (string length)");
    long len = Integer.toUnsignedLong(ctx.bb.getInt((int) pos));
    if (pos + 4 + len > ctx.limit) {
      fail(pos + 4, len, new Where(this, field, index, " (string of ", len, " bytes)"));
    }
    charge(len + 16, field, index);
    byte[] out = new byte[(int) len];
    ctx.bb.get((int) pos + 4, out);
    return out;
  }

  /** Number of elements of the vector in field {@code slot} (0 when absent), its elements checked in bounds. */
  int vectorLength(int slot, String field, int elementSize) throws ZtocFormatException {
    int p = fieldPos(slot);
    if (p == 0) {
      return 0;
    }
    long start = follow(p, field, -1);
    checkRange(start, 4, this, field, -1, " (vector length)");
    long count = Integer.toUnsignedLong(ctx.bb.getInt((int) start));
    if (start + 4 + count * elementSize > ctx.limit) {
      fail(start + 4, count * elementSize, new Where(this, field, -1, " (vector of ", count, " elements)"));
    }
    return (int) count;
  }

  private long elementPos(int slot, String field) throws ZtocFormatException {
    return follow(fieldPos(slot), field, -1) + 4;
  }

  /** Table element {@code index} of a vector of tables; call {@link #vectorLength} first. */
  FlatTable tableAt(int slot, String field, int index) throws ZtocFormatException {
    long pos = follow(elementPos(slot, field) + (long) OFFSET_SIZE * index, field, index);
    return new FlatTable(ctx, pos, this, field, index);
  }

  /** String element {@code index} of a vector of strings; call {@link #vectorLength} first. */
  byte[] stringAt(int slot, String field, int index) throws ZtocFormatException {
    return readString(follow(elementPos(slot, field) + (long) OFFSET_SIZE * index, field, index), field, index);
  }

  /** The bytes of a {@code [ubyte]} vector in field {@code slot}; empty when absent. */
  byte[] byteVector(int slot, String field) throws ZtocFormatException {
    int[] range = byteVectorRange(slot, field);
    byte[] out = new byte[range[1]];
    ctx.bb.get(range[0], out);
    return out;
  }

  /**
   * Where the bytes of a {@code [ubyte]} vector in field {@code slot} lie in the buffer this table was read from:
   * {@code {offset, length}}, length 0 when absent; checked and charged as {@link #byteVector} is.
   */
  int[] byteVectorRange(int slot, String field) throws ZtocFormatException {
    int count = vectorLength(slot, field, 1);
    if (count == 0) {
      return new int[] {0, 0};
    }
    charge(count, field, -1);
    long start = follow(fieldPos(slot), field, -1);
    return new int[] {(int) start + 4, count};
  }
}
