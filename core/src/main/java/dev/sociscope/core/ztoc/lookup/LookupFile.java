package dev.sociscope.core.ztoc.lookup;

import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.ztoc.CompressionAlgorithm;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.PaxRecord;
import dev.sociscope.core.ztoc.RawText;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.ZtocFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.CRC32;

/**
 * A zTOC's lookup file ({@link LookupFormat}), answering paths by binary search over its sorted records. Opening it
 * checks the magic, version, zTOC digest, section sizes and a CRC-32 of the whole file, and creates no object per
 * entry; each record is checked when a lookup reads it, and the span data when it is first asked for (the layers a
 * read only looks through never decode theirs). A failed check is a {@link LookupFileException}.
 *
 * <p>The checksum finds corruption and truncation, not a deliberate forgery: the file is as trusted as the rest of
 * the cache folder. A forged file still cannot make a read fail with anything but {@link LookupFileException}, nor
 * deliver bytes that do not match the span digests it names.
 */
public final class LookupFile implements ZtocLookup {
  private static final EntryType[] TYPES = EntryType.values();

  private final byte[] bytes;
  private final ByteBuffer bb;
  private final int entries;
  private final int indexAt;
  private final int recordsAt;
  private final int recordsLength;
  private final int heapAt;
  private final int heapLength;
  private final long compressedArchiveSize;
  private final long uncompressedArchiveSize;
  private final int algorithm;
  private final int maxSpanId;
  private final int digestCount;
  private final int checkpointsAt;
  private final int checkpointLength;
  private List<String> spanDigests;
  private Zinfo zinfo;

  private LookupFile(byte[] bytes, Digest ztocDigest) {
    this.bytes = bytes;
    this.bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < LookupFormat.HEADER_SIZE) {
      throw new LookupFileException("shorter than its header (" + bytes.length + " bytes)");
    }
    if (!Arrays.equals(bytes, 0, 8, LookupFormat.MAGIC, 0, 8)) {
      throw new LookupFileException("not a lookup file (magic)");
    }
    if (bb.getInt(8) != LookupFormat.VERSION) {
      throw new LookupFileException("version " + bb.getInt(8) + ", expected " + LookupFormat.VERSION);
    }
    if (!Arrays.equals(bytes, 16, 48, HexFormat.of().parseHex(ztocDigest.hex()), 0, 32)) {
      throw new LookupFileException("made from another zTOC than " + ztocDigest);
    }
    compressedArchiveSize = bb.getLong(48);
    uncompressedArchiveSize = bb.getLong(56);
    algorithm = bb.getInt(64);
    maxSpanId = bb.getInt(68);
    entries = bb.getInt(72);
    digestCount = bb.getInt(76);
    checkpointLength = bb.getInt(80);
    recordsLength = bb.getInt(84);
    heapLength = bb.getInt(88);
    if (entries < 0 || digestCount < 0 || checkpointLength < 0 || recordsLength < 0 || heapLength < 0) {
      throw new LookupFileException("negative section length");
    }
    long checkpoints = LookupFormat.HEADER_SIZE + (long) digestCount * LookupFormat.DIGEST_REF_SIZE;
    long index = checkpoints + checkpointLength;
    long records = index + (long) entries * LookupFormat.INDEX_SIZE;
    long heap = records + recordsLength;
    if (heap + heapLength != bytes.length) {
      throw new LookupFileException("sections add up to " + (heap + heapLength) + " bytes, the file has "
          + bytes.length);
    }
    checkpointsAt = (int) checkpoints;
    indexAt = (int) index;
    recordsAt = (int) records;
    heapAt = (int) heap;
    CRC32 crc = new CRC32();
    crc.update(bytes, LookupFormat.CHECKED_FROM, bytes.length - LookupFormat.CHECKED_FROM);
    if ((int) crc.getValue() != bb.getInt(12)) {
      throw new LookupFileException("checksum mismatch");
    }
  }

  /**
   * Opens the lookup file {@code bytes} made from the zTOC with digest {@code ztocDigest}.
   *
   * @throws LookupFileException when it is not one, or not whole, or of another version or zTOC
   */
  public static LookupFile open(byte[] bytes, Digest ztocDigest) {
    return new LookupFile(bytes, ztocDigest);
  }

  /** The number of entries. */
  public int size() {
    return entries;
  }

  private void checkRef(int at, String what) {
    long off = bb.getInt(at);
    long len = bb.getInt(at + 4);
    if (off < 0 || len < 0 || off + len > heapLength) {
      throw new LookupFileException(what + ": text " + off + "+" + len + " outside the " + heapLength + "-byte heap");
    }
  }

  /** The span geometry, checked as {@link dev.sociscope.core.ztoc.ZtocReader} checks a zTOC's. */
  private Zinfo decodeZinfo() {
    try {
      // read in place: a lookup file's bytes are never modified, and a read takes one or two of the windows
      Zinfo z = Zinfo.decode(CompressionAlgorithm.fromWireValue(algorithm), bytes, checkpointsAt, checkpointLength,
          compressedArchiveSize, uncompressedArchiveSize);
      if (z.maxSpanId() != maxSpanId || digestCount != z.spanCount()) {
        throw new LookupFileException(z.spanCount() + " spans, max_span_id " + maxSpanId + ", "
            + digestCount + " span digests");
      }
      return z;
    } catch (ZtocFormatException | IllegalArgumentException e) {
      throw new LookupFileException("checkpoint data: " + e.getMessage());
    }
  }

  @Override
  public List<TocEntry> entriesAt(String path) {
    byte[] key = RawText.encode(path);
    int lo = 0;
    int hi = entries;
    while (lo < hi) { // the first record whose path is not below key
      int mid = (lo + hi) >>> 1;
      if (comparePath(mid, key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    List<TocEntry> out = new ArrayList<>(1);
    for (int i = lo; i < entries && comparePath(i, key) == 0; i++) {
      int at = indexAt + i * LookupFormat.INDEX_SIZE;
      if (out.isEmpty() && !string(at).equals(path)) {
        return List.of(); // the bytes match but the text does not (text that no zTOC name decodes to)
      }
      out.add(record(i, bb.getInt(at + 8)));
    }
    return out;
  }

  @Override
  public List<FileMetadata> entriesWhere(Predicate<String> test) {
    List<TocEntry> found = new ArrayList<>();
    for (int i = 0; i < entries; i++) {
      int at = indexAt + i * LookupFormat.INDEX_SIZE;
      checkRef(at, "entry " + i + " path");
      if (test.test(string(at))) {
        found.add(record(i, bb.getInt(at + 8)));
      }
    }
    found.sort(java.util.Comparator.comparingInt(TocEntry::position));
    return found.stream().map(TocEntry::metadata).toList();
  }

  private int comparePath(int entry, byte[] key) {
    int at = indexAt + entry * LookupFormat.INDEX_SIZE;
    checkRef(at, "entry " + entry + " path");
    int off = heapAt + bb.getInt(at);
    return Arrays.compareUnsigned(bytes, off, off + bb.getInt(at + 4), key, 0, key.length);
  }

  /** Decodes the record of entry {@code i} at {@code offset} in the records, checking every value as it goes. */
  private TocEntry record(int i, int offset) {
    Cursor c = new Cursor(i, offset);
    int position = (int) c.unsigned(entries - 1L);
    EntryType type = TYPES[(int) c.unsigned(TYPES.length - 1L)];
    long[] numbers = new long[7];
    for (int k = 0; k < numbers.length; k++) {
      numbers[k] = c.signed();
    }
    String[] texts = new String[LookupFormat.STRING_COUNT];
    for (int k = 0; k < texts.length; k++) {
      texts[k] = c.text();
    }
    long paxCount = c.unsigned(recordsLength);
    List<PaxRecord> pax = new ArrayList<>((int) Math.min(paxCount, 16));
    for (long k = 0; k < paxCount; k++) {
      String key = c.text();
      int[] value = c.ref();
      pax.add(new PaxRecord(key, Arrays.copyOfRange(bytes, heapAt + value[0], heapAt + value[0] + value[1])));
    }
    return new TocEntry(position, new FileMetadata(texts[0], type, numbers[0], numbers[1], texts[1], numbers[2],
        numbers[3], numbers[4], texts[2], texts[3], texts[4], numbers[5], numbers[6], pax));
  }

  /** Reads the varints of one record, never past the records section; a bad value is a LookupFileException. */
  private final class Cursor {
    private final int entry;
    private int pos;

    Cursor(int entry, int offset) {
      if (offset < 0 || offset >= recordsLength) {
        throw new LookupFileException("entry " + entry + ": record offset " + offset);
      }
      this.entry = entry;
      this.pos = recordsAt + offset;
    }

    /** An unsigned varint of at most {@code max}. */
    long unsigned(long max) {
      long v = raw();
      if (v < 0 || v > max) {
        throw new LookupFileException("entry " + entry + ": value " + v + " where at most " + max + " fits");
      }
      return v;
    }

    long signed() {
      long v = raw();
      return (v >>> 1) ^ -(v & 1);
    }

    private long raw() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= recordsAt + recordsLength) {
          throw new LookupFileException("entry " + entry + ": record runs past the records");
        }
        int b = bytes[pos++] & 0xFF;
        v |= (long) (b & 0x7F) << shift;
        if (b < 0x80) {
          return v;
        }
      }
      throw new LookupFileException("entry " + entry + ": a varint longer than 64 bits");
    }

    /** A heap reference (offset, length), in bounds. */
    int[] ref() {
      int off = (int) unsigned(heapLength);
      int len = (int) unsigned(heapLength - off);
      return new int[] {off, len};
    }

    String text() {
      int[] r = ref();
      return RawText.decode(bytes, heapAt + r[0], r[1]);
    }
  }

  /** The heap text a reference at {@code at} points to (checked in bounds when opening). */
  private String string(int at) {
    return RawText.decode(bytes, heapAt + bb.getInt(at), bb.getInt(at + 4));
  }

  @Override
  public Zinfo zinfo() {
    if (zinfo == null) {
      zinfo = decodeZinfo();
    }
    return zinfo;
  }

  @Override
  public List<String> spanDigests() {
    if (spanDigests == null) {
      List<String> digests = new ArrayList<>(digestCount);
      for (int i = 0; i < digestCount; i++) {
        int at = LookupFormat.HEADER_SIZE + i * LookupFormat.DIGEST_REF_SIZE;
        checkRef(at, "span digest " + i);
        digests.add(string(at));
      }
      spanDigests = List.copyOf(digests);
    }
    return spanDigests;
  }

  @Override
  public long uncompressedArchiveSize() {
    return uncompressedArchiveSize;
  }
}
