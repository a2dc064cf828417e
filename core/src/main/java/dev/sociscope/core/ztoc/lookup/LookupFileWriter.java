package dev.sociscope.core.ztoc.lookup;

import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.tar.TarPaths;
import dev.sociscope.core.ztoc.CompressionInfo;
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
      paths[i] = Heap.encode(TarPaths.normalize(files.get(i).name()));
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
      long r = heap.text(digests.get(i));
      digestRefs[2 * i] = Heap.offset(r);
      digestRefs[2 * i + 1] = Heap.length(r);
    }
    ByteBuffer index = ByteBuffer.allocate(Math.multiplyExact(n, LookupFormat.INDEX_SIZE))
        .order(ByteOrder.LITTLE_ENDIAN);
    Varints records = new Varints();
    for (int k = 0; k < n; k++) {
      int i = order[k];
      FileMetadata f = files.get(i);
      long path = heap.raw(paths[i]);
      index.putInt(Heap.offset(path)).putInt(Heap.length(path)).putInt(records.size());
      records.unsigned(i).unsigned(f.type().ordinal());
      for (long v : new long[] {f.uncompressedOffset(), f.uncompressedSize(), f.mode(), f.uid(), f.gid(),
          f.devmajor(), f.devminor()}) {
        records.signed(v);
      }
      for (String text : new String[] {f.name(), f.linkname(), f.uname(), f.gname(), f.modTime()}) {
        records.ref(heap.text(text));
      }
      records.unsigned(f.paxRecords().size());
      for (PaxRecord r : f.paxRecords()) {
        records.ref(heap.text(r.key())).ref(heap.raw(r.value()));
      }
      if (records.size() < 0 || records.size() > Integer.MAX_VALUE - 64) {
        throw new IllegalArgumentException("more than 2 GiB of records");
      }
    }

    CompressionInfo info = ztoc.compressionInfo();
    int checkpoints = info.checkpointsLength(); // copied straight into the file below, not through a copy
    byte[] heapBytes = heap.bytes();
    byte[] recordBytes = records.bytes();
    long total = (long) LookupFormat.HEADER_SIZE + (long) digests.size() * LookupFormat.DIGEST_REF_SIZE
        + checkpoints + index.capacity() + recordBytes.length + heapBytes.length;
    if (total > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("lookup file would be " + total + " bytes");
    }
    ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
    out.put(LookupFormat.MAGIC).putInt(LookupFormat.VERSION).putInt(0); // checksum filled in below
    out.put(HexFormat.of().parseHex(ztocDigest.hex()));
    out.putLong(ztoc.compressedArchiveSize()).putLong(ztoc.uncompressedArchiveSize());
    out.putInt(ztoc.compressionInfo().algorithm().wireValue()).putInt(ztoc.compressionInfo().maxSpanId());
    out.putInt(n).putInt(digests.size()).putInt(checkpoints).putInt(recordBytes.length)
        .putInt(heapBytes.length);
    for (int r : digestRefs) {
      out.putInt(r);
    }
    info.putCheckpoints(out);
    out.put(index.array()).put(recordBytes).put(heapBytes);
    byte[] file = out.array();
    CRC32 crc = new CRC32();
    crc.update(file, LookupFormat.CHECKED_FROM, file.length - LookupFormat.CHECKED_FROM);
    ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(12, (int) crc.getValue());
    return file;
  }

  /** LEB128 varints; signed values zig-zag encoded, so small negative numbers stay short. */
  private static final class Varints {
    private byte[] buf = new byte[1 << 12];
    private int size;

    Varints unsigned(long v) {
      if (buf.length - size < 10) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + 10)); // an overflow fails on the size check
      }
      long x = v;
      while ((x & ~0x7FL) != 0) {
        buf[size++] = (byte) ((x & 0x7F) | 0x80);
        x >>>= 7;
      }
      buf[size++] = (byte) x;
      return this;
    }

    Varints signed(long v) {
      return unsigned((v << 1) ^ (v >> 63));
    }

    /** A heap reference: offset, then length. */
    Varints ref(long packed) {
      return unsigned(Heap.offset(packed)).unsigned(Heap.length(packed));
    }

    int size() {
      return size;
    }

    byte[] bytes() {
      return Arrays.copyOf(buf, size);
    }
  }

  /** Distinct byte strings, each stored once (owners, times and link targets repeat); references packed in a long. */
  private static final class Heap {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Map<ByteBuffer, Long> raws = new HashMap<>();
    private final Map<String, Long> texts = new HashMap<>();

    /** The raw bytes of a string, refused when they would not decode back to the same string. */
    static byte[] encode(String text) {
      byte[] raw = RawText.encode(text);
      if (!ascii(raw) && !RawText.decode(raw).equals(text)) {
        throw new IllegalArgumentException("a string does not survive the raw-byte round trip");
      }
      return raw;
    }

    /** No byte above 0x7F: only ASCII text encodes so (escaped raw bytes give 0x80..0xFF), and it decodes back. */
    private static boolean ascii(byte[] raw) {
      for (byte b : raw) {
        if (b < 0) {
          return false;
        }
      }
      return true;
    }

    long text(String text) {
      Long known = texts.get(text);
      if (known == null) {
        known = raw(encode(text));
        texts.put(text, known);
      }
      return known;
    }

    long raw(byte[] raw) {
      return raws.computeIfAbsent(ByteBuffer.wrap(raw), k -> {
        int at = bytes.size();
        if ((long) at + raw.length > Integer.MAX_VALUE - 16) {
          throw new IllegalArgumentException("more than 2 GiB of text");
        }
        bytes.writeBytes(raw);
        return (long) at << 32 | raw.length;
      });
    }

    static int offset(long packed) {
      return (int) (packed >>> 32);
    }

    static int length(long packed) {
      return (int) packed;
    }

    byte[] bytes() {
      return bytes.toByteArray();
    }
  }
}
