package dev.sociscope.core.ztoc.lookup;

import java.nio.charset.StandardCharsets;

/**
 * The layout of a lookup file, shared by {@link LookupFileWriter} and {@link LookupFile} (little-endian).
 *
 * <pre>
 *   header   magic "SSZTLKUP", int version, int CRC-32 of every byte after the first 16,
 *            32 bytes: the SHA-256 of the zTOC it was made from,
 *            long compressed_archive_size, long uncompressed_archive_size, int compression algorithm (wire value),
 *            int max_span_id, int entries, int span digests, int checkpoint bytes, int record bytes, int heap bytes
 *   digests  per span digest: int heap offset, int length
 *   checkpoints  the zTOC's checkpoint bytes as stored
 *   index    per entry, sorted by (cleaned path bytes, tar position): int path offset, int path length (heap),
 *            int record offset
 *   records  per entry, variable-length: varint position, varint type (EntryType ordinal), zig-zag varints
 *            offset, size, mode, uid, gid, devmajor, devminor; five text references (varint heap offset, varint
 *            length): name, linkname, uname, gname, mod_time; varint PAX record count, each a key and a value
 *            reference
 *   heap     the bytes of every string, each distinct string once
 * </pre>
 * The fixed-size index lets a binary search read the path of entry {@code i} in place; the records, decoded only
 * for the entries a lookup returns, are compact, so the file (read and checksummed whole) stays about the zTOC's
 * size. The cleaned paths depend on {@link dev.sociscope.core.tar.TarPaths#normalize}: a change there must bump
 * {@link #VERSION}, so files of the old rule are rebuilt instead of answering by it.
 */
final class LookupFormat {
  static final byte[] MAGIC = "SSZTLKUP".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  /** Bytes before the checksummed part: magic, version, checksum. */
  static final int CHECKED_FROM = 16;
  static final int HEADER_SIZE = 16 + 32 + 8 + 8 + 4 * 7;
  static final int DIGEST_REF_SIZE = 8;
  static final int INDEX_SIZE = 12;
  static final int STRING_COUNT = 5;

  private LookupFormat() {}
}
