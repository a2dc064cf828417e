package dev.sociscope.core.ztoc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a zTOC FlatBuffer (spec 4) into a {@link Ztoc}, the way upstream's {@code ztoc.Unmarshal} does, and
 * validates it as the upstream runtime does before using it (spec 4.5).
 *
 * <ul>
 *   <li>Defaults: {@code compression_algorithm} absent = gzip, {@code max_span_id} and other scalars absent = 0,
 *       strings absent = "".
 *   <li>Entries are sorted by uncompressed offset (stable), and the derived tar header offsets
 *       ({@link Ztoc#tarHeaderOffset}) must not pass any entry's data offset.
 *   <li>PAX records become a map as upstream: sorted by key bytes, the last of duplicate keys wins.
 *   <li>The checkpoint data must decode, {@code max_span_id} must match the spans it yields, and there must be
 *       exactly {@code max_span_id + 1} span digests.
 *   <li>Beyond upstream: every entry's data lies inside {@code uncompressed_archive_size} (and, for a tar layer,
 *       inside the blob, which its TarZinfo must cover exactly), so every file maps to spans that exist.
 * </ul>
 * Any defect, including truncation and offsets pointing outside the buffer, is reported as a
 * {@link ZtocFormatException} naming the field and byte position.
 */
public final class ZtocReader {
  private static final Comparator<byte[]> BYTE_ORDER = Arrays::compareUnsigned;

  private ZtocReader() {}

  /**
   * Parses and validates {@code bytes}, which must not be modified afterwards: the checkpoint data, most of a zTOC,
   * is read from them in place, not copied.
   */
  public static Ztoc read(byte[] bytes) throws ZtocFormatException {
    Ztoc ztoc = parse(bytes);
    validate(ztoc);
    return ztoc;
  }

  /**
   * Parses and validates {@code bytes}, returning the decoded checkpoint data as well (so callers need not decode
   * the checkpoint blob a second time); as with {@link #read}, {@code bytes} must not be modified afterwards.
   */
  public static Parsed readWithZinfo(byte[] bytes) throws ZtocFormatException {
    Ztoc ztoc = parse(bytes);
    return new Parsed(ztoc, validate(ztoc));
  }

  /** A zTOC with its decoded checkpoint data. */
  public record Parsed(Ztoc ztoc, Zinfo zinfo) {}

  private static Ztoc parse(byte[] bytes) throws ZtocFormatException {
    // Budget: a well-formed zTOC never yields more data than twice its size; more means shared offsets.
    FlatTable root = FlatTable.root(bytes, "Ztoc", 2L * bytes.length + (1 << 20));
    String version = text(root.string(0, "version"));
    String buildTool = text(root.string(1, "build_tool_identifier"));
    long compressedSize = root.getLong(2, "compressed_archive_size", 0);
    long uncompressedSize = root.getLong(3, "uncompressed_archive_size", 0);

    FlatTable toc = root.table(4, "toc");
    if (toc == null) {
      throw new ZtocFormatException("Ztoc.toc is missing");
    }
    List<FileMetadata> files = readFiles(toc);

    FlatTable ci = root.table(5, "compression_info");
    if (ci == null) {
      throw new ZtocFormatException("Ztoc.compression_info is missing");
    }
    CompressionInfo info = readCompressionInfo(ci, bytes);
    return new Ztoc(version, buildTool, compressedSize, uncompressedSize, files, info);
  }

  private static List<FileMetadata> readFiles(FlatTable toc) throws ZtocFormatException {
    int count = toc.vectorLength(0, "metadata", 4);
    List<FileMetadata> files = new ArrayList<>(Math.min(count, 1 << 16));
    for (int i = 0; i < count; i++) {
      files.add(readFile(toc.tableAt(0, "metadata", i)));
    }
    // Upstream sorts on read; a stable sort keeps equal offsets in stored order.
    files.sort(Comparator.comparingLong(FileMetadata::uncompressedOffset));
    return files;
  }

  private static FileMetadata readFile(FlatTable t) throws ZtocFormatException {
    String typeText = text(t.string(1, "type"));
    EntryType type;
    try {
      type = EntryType.fromWireName(typeText);
    } catch (IllegalArgumentException e) {
      throw new ZtocFormatException(t.path() + ".type: " + e.getMessage()
          + " (expected reg, dir, symlink, hardlink, char, block or fifo)");
    }
    int xattrCount = t.vectorLength(13, "xattrs", 4);
    Map<byte[], PaxRecord> pax = xattrCount == 0 ? Map.of() : new TreeMap<>(BYTE_ORDER); // most entries have none
    for (int j = 0; j < xattrCount; j++) {
      FlatTable x = t.tableAt(13, "xattrs", j);
      byte[] key = orEmpty(x.string(0, "key"));
      byte[] value = orEmpty(x.string(1, "value"));
      pax.put(key, new PaxRecord(RawText.decode(key), value));
    }
    return new FileMetadata(
        text(t.string(0, "name")),
        type,
        t.getLong(2, "uncompressed_offset", 0),
        t.getLong(3, "uncompressed_size", 0),
        text(t.string(4, "linkname")),
        t.getLong(5, "mode", 0),
        Integer.toUnsignedLong(t.getInt(6, "uid", 0)),
        Integer.toUnsignedLong(t.getInt(7, "gid", 0)),
        text(t.string(8, "uname")),
        text(t.string(9, "gname")),
        text(t.string(10, "mod_time")),
        t.getLong(11, "devmajor", 0),
        t.getLong(12, "devminor", 0),
        List.copyOf(pax.values()));
  }

  private static CompressionInfo readCompressionInfo(FlatTable ci, byte[] bytes) throws ZtocFormatException {
    byte algorithmValue = ci.getByte(0, "compression_algorithm", CompressionAlgorithm.GZIP.wireValue());
    CompressionAlgorithm algorithm;
    try {
      algorithm = CompressionAlgorithm.fromWireValue(algorithmValue);
    } catch (ZtocFormatException e) {
      throw new ZtocFormatException("Ztoc.compression_info.compression_algorithm: " + e.getMessage());
    }
    int maxSpanId = ci.getInt(1, "max_span_id", 0);
    int digestCount = ci.vectorLength(2, "span_digests", 4);
    List<String> digests = new ArrayList<>(Math.min(digestCount, 1 << 16));
    for (int i = 0; i < digestCount; i++) {
      digests.add(RawText.decode(ci.stringAt(2, "span_digests", i)));
    }
    int[] checkpoints = ci.byteVectorRange(3, "checkpoints"); // most of the zTOC: read in place, not copied
    return CompressionInfo.inPlace(algorithm, maxSpanId, digests, bytes, checkpoints[0], checkpoints[1]);
  }

  /** The runtime's checks (spec 4.5); returns the decoded checkpoint data. */
  private static Zinfo validate(Ztoc ztoc) throws ZtocFormatException {
    if (ztoc.compressedArchiveSize() < 0 || ztoc.uncompressedArchiveSize() < 0) {
      throw new ZtocFormatException("archive sizes must not be negative: compressed_archive_size="
          + ztoc.compressedArchiveSize() + ", uncompressed_archive_size=" + ztoc.uncompressedArchiveSize());
    }
    List<FileMetadata> files = ztoc.files();
    for (int i = 0; i < files.size(); i++) {
      FileMetadata f = files.get(i);
      if (f.uncompressedOffset() < 0 || f.uncompressedSize() < 0) {
        throw new ZtocFormatException("invalid toc entry " + i + " '" + f.name() + "': negative offset "
            + f.uncompressedOffset() + " or size " + f.uncompressedSize());
      }
      if (f.uncompressedOffset() > Long.MAX_VALUE - 511 - f.uncompressedSize()) {
        throw new ZtocFormatException("invalid toc entry " + i + " '" + f.name() + "': offset "
            + f.uncompressedOffset() + " + size " + f.uncompressedSize() + " overflows");
      }
      if (f.uncompressedOffset() + f.uncompressedSize() > ztoc.uncompressedArchiveSize()) {
        throw new ZtocFormatException("invalid toc entry " + i + " '" + f.name() + "': its data ends at "
            + (f.uncompressedOffset() + f.uncompressedSize()) + ", past uncompressed_archive_size "
            + ztoc.uncompressedArchiveSize());
      }
      long header = ztoc.tarHeaderOffset(i);
      if (header > f.uncompressedOffset()) {
        throw new ZtocFormatException("invalid toc entry " + i + " '" + f.name() + "': its data starts at "
            + f.uncompressedOffset() + ", before the end of the previous entry's data (" + header + ")");
      }
    }

    CompressionInfo info = ztoc.compressionInfo();
    Zinfo zinfo = Zinfo.parse(info, ztoc.compressedArchiveSize(), ztoc.uncompressedArchiveSize());
    if (zinfo instanceof TarZinfo tar) {
      checkTarSpans(ztoc, tar);
    }
    if (info.maxSpanId() != zinfo.maxSpanId()) {
      throw new ZtocFormatException("max_span_id is " + info.maxSpanId() + " but the checkpoint data holds "
          + zinfo.spanCount() + " spans (max span id " + zinfo.maxSpanId() + ")");
    }
    if (info.spanDigests().size() != (long) info.maxSpanId() + 1) {
      throw new ZtocFormatException("the zTOC has " + info.spanDigests().size() + " span digests but "
          + ((long) info.maxSpanId() + 1) + " spans (max_span_id " + info.maxSpanId() + ")");
    }
    return zinfo;
  }

  /**
   * The spans of a tar layer are slices of the blob itself (spec 5.6): they must cover exactly the blob, and every
   * entry's data must lie inside it, or a span lookup runs past the span digests. (The uncompressed size may pass
   * the blob's end: for a tar without an end marker it counts the two zero blocks that are not there.)
   */
  private static void checkTarSpans(Ztoc ztoc, TarZinfo tar) throws ZtocFormatException {
    if (tar.size() != ztoc.compressedArchiveSize()) {
      throw new ZtocFormatException("TarZinfo size " + tar.size() + " differs from compressed_archive_size "
          + ztoc.compressedArchiveSize() + " (both are the tar blob's size)");
    }
    List<FileMetadata> files = ztoc.files();
    for (int i = 0; i < files.size(); i++) {
      FileMetadata f = files.get(i);
      if (f.uncompressedOffset() + f.uncompressedSize() > tar.size()) {
        throw new ZtocFormatException("invalid toc entry " + i + " '" + f.name() + "': its data ends at "
            + (f.uncompressedOffset() + f.uncompressedSize()) + ", past the end of the " + tar.size()
            + "-byte tar blob");
      }
    }
  }

  private static String text(byte[] raw) {
    return raw == null ? "" : RawText.decode(raw);
  }

  private static byte[] orEmpty(byte[] raw) {
    return raw == null ? new byte[0] : raw;
  }
}
