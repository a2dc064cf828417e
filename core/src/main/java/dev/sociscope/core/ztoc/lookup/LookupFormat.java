package dev.sociscope.core.ztoc.lookup;

import java.nio.charset.StandardCharsets;

/**
 * The layout of a lookup file, shared by {@link LookupFileWriter} and {@link LookupFile} (all little-endian).
 *
 * <pre>
 *   header   magic "SSZTLKUP", int version, int CRC-32 of every byte after the first 16,
 *            32 bytes: the SHA-256 of the zTOC it was made from,
 *            long compressed_archive_size, long uncompressed_archive_size, int compression algorithm (wire value),
 *            int max_span_id, int entries, int span digests, int checkpoint bytes, int pax records, int heap bytes
 *   digests  per span digest: int heap offset, int length
 *   checkpoints  the zTOC's checkpoint bytes as stored
 *   records  one fixed-size record per entry, sorted by (cleaned path bytes, tar position): see RECORD_SIZE
 *   pax      per PAX record: int key offset, int key length, int value offset, int value length (heap)
 *   heap     the bytes of every string, each distinct string once
 * </pre>
 * Fixed-size records let a binary search read the path of record {@code i} in place and let opening check every
 * reference in one loop. The cleaned paths depend on {@link dev.sociscope.core.tar.TarPaths#normalize}: a change
 * there must bump {@link #VERSION}, so files of the old rule are rebuilt instead of answering by it.
 */
final class LookupFormat {
  static final byte[] MAGIC = "SSZTLKUP".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  /** Bytes before the checksummed part: magic, version, checksum. */
  static final int CHECKED_FROM = 16;
  static final int HEADER_SIZE = 16 + 32 + 8 + 8 + 4 * 7;
  static final int DIGEST_REF_SIZE = 8;
  static final int PAX_REF_SIZE = 16;

  // record fields (byte offsets in a record)
  static final int POSITION = 0;
  static final int TYPE = 4;
  static final int OFFSET = 8;
  static final int SIZE = 16;
  static final int MODE = 24;
  static final int UID = 32;
  static final int GID = 40;
  static final int DEVMAJOR = 48;
  static final int DEVMINOR = 56;
  /** Five string references (int offset, int length): name, linkname, uname, gname, mod_time. */
  static final int STRINGS = 64;
  static final int STRING_COUNT = 5;
  static final int PAX_FIRST = 104;
  static final int PAX_COUNT = 108;
  static final int PATH = 112;
  static final int RECORD_SIZE = 120;

  private LookupFormat() {}
}
