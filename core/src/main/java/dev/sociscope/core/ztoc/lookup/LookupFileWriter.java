package dev.sociscope.core.ztoc.lookup;

import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.tar.TarPaths;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.PaxRecord;
import dev.sociscope.core.ztoc.RawText;
import dev.sociscope.core.ztoc.Ztoc;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/** Writes the lookup file of a parsed zTOC ({@link LookupFormat}). */
public final class LookupFileWriter {
  private LookupFileWriter() {}

  /**
   * The lookup file of {@code ztoc}, whose blob has digest {@code ztocDigest}.
   *
   * @throws IllegalArgumentException when the zTOC cannot be represented (a string that does not survive the
   *     raw-byte round trip, a uid beyond 32 bits, more than 2 GiB of text): the caller keeps the parsed zTOC
   */
  public static byte[] write(Digest ztocDigest, Ztoc ztoc) {
    List<FileMetadata> files = ztoc.files();
    Heap heap = new Heap();
    int n = files.size();
    byte[][] paths = new byte[n][];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      paths[i] = heap.encode(TarPaths.normalize(files.get(i).name()));
      order[i] = i;
    }
    // by path bytes, then tar position: equal paths stay in tar order
    Arrays.sort(order, (a, b) -> {
      int c = Arrays.compareUnsigned(paths[a], paths[b]);
      return c != 0 ? c : Integer.compare(a, b);
    });

    List<String> digests = ztoc.compressionInfo().spanDigests();
    int[] digestRefs = new int[digests.size() * 2];
    for (int i = 0; i < digests.size(); i++) {
      heap.refTo(digestRefs, 2 * i, heap.encode(digests.get(i)));
    }
    ByteBuffer index = ByteBuffer.allocate(Math.multiplyExact(n, LookupFormat.INDEX_SIZE))
        .order(ByteOrder.LITTLE_ENDIAN);
    Varints records = new Varints();
    int[] ref = new int[2];
    for (int k = 0; k < n; k++) {
      int i = order[k];
      FileMetadata f = files.get(i);
      heap.refTo(ref, 0, paths[i]);
      index.putInt(ref[0]).putInt(ref[1]).putInt(records.size());
      records.unsigned(i).unsigned(f.type().ordinal());
      for (long v : new long[] {f.uncompressedOffset(), f.uncompressedSize(), f.mode(), f.uid(), f.gid(),
          f.devmajor(), f.devminor()}) {
        records.signed(v);
      }
      for (String text : new String[] {f.name(), f.linkname(), f.uname(), f.gname(), f.modTime()}) {
        heap.refTo(ref, 0, heap.encode(text));
        records.unsigned(ref[0]).unsigned(ref[1]);
      }
      records.unsigned(f.paxRecords().size());
      for (PaxRecord r : f.paxRecords()) {
        heap.refTo(ref, 0, heap.encode(r.key()));
        records.unsigned(ref[0]).unsigned(ref[1]);
        heap.refTo(ref, 0, heap.add(r.value()));
        records.unsigned(ref[0]).unsigned(ref[1]);
      }
      if (records.size() < 0 || records.size() > Integer.MAX_VALUE - 64) {
        throw new IllegalArgumentException("more than 2 GiB of records");
      }
    }

    byte[] checkpoints = ztoc.compressionInfo().checkpoints();
    byte[] heapBytes = heap.bytes();
    byte[] recordBytes = records.bytes();
    long total = (long) LookupFormat.HEADER_SIZE + (long) digests.size() * LookupFormat.DIGEST_REF_SIZE
        + checkpoints.length + index.capacity() + recordBytes.length + heapBytes.length;
    if (total > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("lookup file would be " + total + " bytes");
    }
    ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
    out.put(LookupFormat.MAGIC).putInt(LookupFormat.VERSION).putInt(0); // checksum filled in below
    out.put(HexFormat.of().parseHex(ztocDigest.hex()));
    out.putLong(ztoc.compressedArchiveSize()).putLong(ztoc.uncompressedArchiveSize());
    out.putInt(ztoc.compressionInfo().algorithm().wireValue()).putInt(ztoc.compressionInfo().maxSpanId());
    out.putInt(n).putInt(digests.size()).putInt(checkpoints.length).putInt(recordBytes.length)
        .putInt(heapBytes.length);
    for (int r : digestRefs) {
      out.putInt(r);
    }
    out.put(checkpoints).put(index.array()).put(recordBytes).put(heapBytes);
    byte[] file = out.array();
    CRC32 crc = new CRC32();
    crc.update(file, LookupFormat.CHECKED_FROM, file.length - LookupFormat.CHECKED_FROM);
    ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(12, (int) crc.getValue());
    return file;
  }

  /** LEB128 varints; signed values zig-zag encoded, so small negative numbers stay short. */
  private static final class Varints {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Varints unsigned(long v) {
      long x = v;
      while ((x & ~0x7FL) != 0) {
        out.write((int) ((x & 0x7F) | 0x80));
        x >>>= 7;
      }
      out.write((int) x);
      return this;
    }

    Varints signed(long v) {
      return unsigned((v << 1) ^ (v >> 63));
    }

    int size() {
      return out.size();
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }

  /** Distinct byte strings, each stored once (names repeat as owners, times and link targets). */
  private static final class Heap {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Map<ByteBuffer, Integer> offsets = new HashMap<>();

    /** The raw bytes of a string, refused when they would not decode back to the same string. */
    byte[] encode(String text) {
      byte[] raw = RawText.encode(text);
      if (!RawText.decode(raw).equals(text)) {
        throw new IllegalArgumentException("a string does not survive the raw-byte round trip");
      }
      return add(raw);
    }

    byte[] add(byte[] raw) {
      offsets.computeIfAbsent(ByteBuffer.wrap(raw), k -> {
        int at = bytes.size();
        if ((long) at + raw.length > Integer.MAX_VALUE - 16) {
          throw new IllegalArgumentException("more than 2 GiB of text");
        }
        bytes.writeBytes(raw);
        return at;
      });
      return raw;
    }

    /** Writes (offset, length) of {@code raw}, added before, into {@code ref} at {@code at}. */
    void refTo(int[] ref, int at, byte[] raw) {
      ref[at] = offsets.get(ByteBuffer.wrap(raw));
      ref[at + 1] = raw.length;
    }

    byte[] bytes() {
      return bytes.toByteArray();
    }
  }
}
