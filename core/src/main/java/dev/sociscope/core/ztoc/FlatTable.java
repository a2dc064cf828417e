package dev.sociscope.core.ztoc;

import java.nio.ByteBuffer;

/** A bounds-checked view of one FlatBuffers table (spec 4.6), so corrupt input fails with a clear message. */
final class FlatTable {
  private final ByteBuffer bb;
  private final int table;
  private final int vtable;
  private final int vtableLength;
  private final String name;

  private FlatTable(ByteBuffer bb, int table, String name) throws ZtocFormatException {
    this.bb = bb;
    this.table = table;
    this.name = name;
    check(table, 4, "table start");
    this.vtable = table - bb.getInt(table);
    check(vtable, 4, "vtable");
    this.vtableLength = Short.toUnsignedInt(bb.getShort(vtable));
    check(vtable, vtableLength, "vtable body");
  }

  static FlatTable root(ByteBuffer bb, String name) throws ZtocFormatException {
    if (bb.limit() < 4) {
      throw new ZtocFormatException(name + " buffer is " + bb.limit() + " bytes, too short for a root offset");
    }
    return new FlatTable(bb, bb.getInt(0), name);
  }

  private void check(long pos, long len, String what) throws ZtocFormatException {
    if (pos < 0 || len < 0 || pos + len > bb.limit()) {
      throw new ZtocFormatException(name + ": " + what + " at byte " + pos + " (+" + len + ") lies outside the "
          + bb.limit() + "-byte buffer");
    }
  }

  /** Position of field {@code slot}, or 0 when absent. */
  int fieldPos(int slot) throws ZtocFormatException {
    int entry = 4 + 2 * slot;
    if (entry + 2 > vtableLength) {
      return 0;
    }
    int off = Short.toUnsignedInt(bb.getShort(vtable + entry));
    return off == 0 ? 0 : table + off;
  }

  int getInt(int slot, int dflt) throws ZtocFormatException {
    int p = fieldPos(slot);
    if (p == 0) {
      return dflt;
    }
    check(p, 4, "int field " + slot);
    return bb.getInt(p);
  }

  long getLong(int slot, long dflt) throws ZtocFormatException {
    int p = fieldPos(slot);
    if (p == 0) {
      return dflt;
    }
    check(p, 8, "long field " + slot);
    return bb.getLong(p);
  }
}
