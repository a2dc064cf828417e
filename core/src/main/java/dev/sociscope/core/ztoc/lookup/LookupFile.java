package dev.sociscope.core.ztoc.lookup;

import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.ztoc.CompressionAlgorithm;
import dev.sociscope.core.ztoc.CompressionInfo;
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
  private final int recordsAt;
  private final int paxAt;
  private final int paxCount;
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
    paxCount = bb.getInt(84);
    heapLength = bb.getInt(88);
    if (entries < 0 || digestCount < 0 || checkpointLength < 0 || paxCount < 0 || heapLength < 0) {
      throw new LookupFileException("negative section length");
    }
    long checkpoints = LookupFormat.HEADER_SIZE + (long) digestCount * LookupFormat.DIGEST_REF_SIZE;
    long records = checkpoints + checkpointLength;
    long pax = records + (long) entries * LookupFormat.RECORD_SIZE;
    long heap = pax + (long) paxCount * LookupFormat.PAX_REF_SIZE;
    if (heap + heapLength != bytes.length) {
      throw new LookupFileException("sections add up to " + (heap + heapLength) + " bytes, the file has "
          + bytes.length);
    }
    checkpointsAt = (int) checkpoints;
    recordsAt = (int) records;
    paxAt = (int) pax;
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

  /** Checks what a lookup reads of record {@code i} before it is read. */
  private void checkRecord(int i) {
    int at = recordsAt + i * LookupFormat.RECORD_SIZE;
    int position = bb.getInt(at + LookupFormat.POSITION);
    int type = bb.getInt(at + LookupFormat.TYPE);
    if (position < 0 || position >= entries || type < 0 || type >= TYPES.length) {
      throw new LookupFileException("record " + i + ": position " + position + " or type " + type);
    }
    for (int s = 0; s < LookupFormat.STRING_COUNT; s++) {
      checkRef(at + LookupFormat.STRINGS + 8 * s, "record " + i);
    }
    long first = bb.getInt(at + LookupFormat.PAX_FIRST);
    long count = bb.getInt(at + LookupFormat.PAX_COUNT);
    if (first < 0 || count < 0 || first + count > paxCount) {
      throw new LookupFileException("record " + i + ": pax records " + first + "+" + count);
    }
    for (long p = first; p < first + count; p++) {
      int ref = paxAt + (int) p * LookupFormat.PAX_REF_SIZE;
      checkRef(ref, "pax key");
      checkRef(ref + 8, "pax value");
    }
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
      CompressionInfo info = new CompressionInfo(CompressionAlgorithm.fromWireValue(algorithm), maxSpanId,
          spanDigests(), Arrays.copyOfRange(bytes, checkpointsAt, checkpointsAt + checkpointLength));
      Zinfo z = Zinfo.parse(info, compressedArchiveSize, uncompressedArchiveSize);
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
      int at = recordsAt + i * LookupFormat.RECORD_SIZE;
      checkRecord(i);
      if (out.isEmpty() && !string(at + LookupFormat.PATH).equals(path)) {
        return List.of(); // the bytes match but the text does not (text that no zTOC name decodes to)
      }
      out.add(new TocEntry(bb.getInt(at + LookupFormat.POSITION), entry(at)));
    }
    return out;
  }

  private int comparePath(int record, byte[] key) {
    int at = recordsAt + record * LookupFormat.RECORD_SIZE + LookupFormat.PATH;
    checkRef(at, "record " + record + " path");
    int off = heapAt + bb.getInt(at);
    return Arrays.compareUnsigned(bytes, off, off + bb.getInt(at + 4), key, 0, key.length);
  }

  private FileMetadata entry(int at) {
    int first = bb.getInt(at + LookupFormat.PAX_FIRST);
    int count = bb.getInt(at + LookupFormat.PAX_COUNT);
    List<PaxRecord> pax = new ArrayList<>(count);
    for (int p = first; p < first + count; p++) {
      int ref = paxAt + p * LookupFormat.PAX_REF_SIZE;
      int valueAt = heapAt + bb.getInt(ref + 8);
      pax.add(new PaxRecord(string(ref), Arrays.copyOfRange(bytes, valueAt, valueAt + bb.getInt(ref + 12))));
    }
    int s = at + LookupFormat.STRINGS;
    return new FileMetadata(string(s), TYPES[bb.getInt(at + LookupFormat.TYPE)],
        bb.getLong(at + LookupFormat.OFFSET), bb.getLong(at + LookupFormat.SIZE), string(s + 8),
        bb.getLong(at + LookupFormat.MODE), bb.getLong(at + LookupFormat.UID), bb.getLong(at + LookupFormat.GID),
        string(s + 16), string(s + 24), string(s + 32), bb.getLong(at + LookupFormat.DEVMAJOR),
        bb.getLong(at + LookupFormat.DEVMINOR), pax);
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
