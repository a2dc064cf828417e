package dev.sociscope.core.ztoc;

import java.util.List;
import java.util.Objects;

/**
 * One tar entry of a layer as a zTOC records it (spec 4.2). Names are kept verbatim: directories keep their
 * trailing slash and {@code ./} prefixes stay. {@code mode} is the raw numeric mode field of the tar header,
 * so it may include type bits. {@code modTime} is the exact RFC 3339 text stored in the zTOC ({@link ModTime}
 * formats and parses it).
 *
 * <p>Strings are stored as raw bytes that need not be UTF-8; they are held here as {@link RawText#decode decoded}
 * strings, which keep invalid bytes losslessly. Build names from tar header bytes with {@link RawText#decode}.
 *
 * @param paxRecords all PAX records of the entry, sorted by key (the zTOC field is misleadingly named xattrs)
 */
public record FileMetadata(
    String name,
    EntryType type,
    long uncompressedOffset,
    long uncompressedSize,
    String linkname,
    long mode,
    long uid,
    long gid,
    String uname,
    String gname,
    String modTime,
    long devmajor,
    long devminor,
    List<PaxRecord> paxRecords) {

  public FileMetadata {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    linkname = linkname == null ? "" : linkname;
    uname = uname == null ? "" : uname;
    gname = gname == null ? "" : gname;
    modTime = modTime == null ? "" : modTime;
    paxRecords = List.copyOf(paxRecords);
  }

  /** Uncompressed offset just past this entry's data, before tar padding. */
  public long dataEnd() {
    return uncompressedOffset + uncompressedSize;
  }

  /** Permission bits, setuid, setgid and sticky: {@code mode & 07777}. */
  public int permissions() {
    return (int) (mode & 07777);
  }

  /** The extended attributes proper: PAX records {@code SCHILY.xattr.<name>}, prefix stripped. */
  public List<PaxRecord> xattrs() {
    return paxRecords.stream()
        .filter(r -> r.key().startsWith(PaxRecord.XATTR_PREFIX))
        .map(r -> new PaxRecord(r.key().substring(PaxRecord.XATTR_PREFIX.length()), r.value()))
        .toList();
  }
}
