package dev.sociscope.core.tar;

import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.ModTime;
import dev.sociscope.core.ztoc.PaxRecord;
import dev.sociscope.core.ztoc.RawText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A tar header reader with the semantics of Go's {@code archive/tar} (spec 4.3), purpose-written so it can report
 * where each entry's data starts. PAX {@code x} and GNU {@code L}/{@code K} records are consumed and applied to the
 * next entry; global PAX headers, sparse files and other types SOCI cannot index are refused by name.
 *
 * <p>Reads only headers; entry data is skipped (the stream's own {@link InputStream#skip} is used, which for
 * {@link dev.sociscope.core.gzip.GzipInflater} still inflates, as the checkpoint recorder needs).
 */
public final class TarReader {
  private static final int BLOCK = 512;
  private static final int MAX_SPECIAL_FILE = 1 << 20;
  private static final String SPARSE_PREFIX = "GNU.sparse.";

  private final InputStream in;
  private final byte[] blk = new byte[BLOCK];
  private long position;
  private long toSkip;
  private boolean ended;
  private FileMetadata previous;

  public TarReader(InputStream in) {
    this.in = Objects.requireNonNull(in, "in");
  }

  /** Bytes of the tar stream consumed so far. */
  public long position() {
    return position;
  }

  /** The next entry, or null after the end-of-archive marker (or a clean end of input between entries). */
  public TarEntry next() throws IOException {
    if (ended) {
      return null;
    }
    skipFully(toSkip);
    toSkip = 0;
    long headerStart = position;
    Map<String, byte[]> pax = null;
    byte[] longName = null;
    byte[] longLink = null;
    while (true) {
      long blockStart = position;
      if (!readBlock()) {
        return end(blockStart, pax != null || longName != null || longLink != null);
      }
      if (isZero(blk)) {
        if (!readBlock() || isZero(blk)) {
          return end(blockStart, pax != null || longName != null || longLink != null);
        }
        throw new TarFormatException("tar stream has a zero block followed by a non-zero block at offset "
            + (position - BLOCK) + after());
      }
      int format = detectFormat(blockStart);
      byte type = blk[156];
      String headerName = cString(blk, 0, 100);
      long size = numeric(124, 12, "size", blockStart);
      if (size < 0) {
        throw new TarFormatException("tar header at offset " + blockStart + " ('" + headerName
            + "') has a negative size");
      }
      if (type == 'x' || type == 'L' || type == 'K') {
        byte[] data = readSpecialFile(size, type, headerName, blockStart);
        if (type == 'x') {
          pax = parsePax(data, blockStart);
        } else if (type == 'L') {
          longName = Arrays.copyOf(data, indexOfNul(data, 0, data.length));
        } else {
          longLink = Arrays.copyOf(data, indexOfNul(data, 0, data.length));
        }
        continue;
      }
      return entry(format, type, size, headerStart, blockStart, pax, longName, longLink);
    }
  }

  private TarEntry end(long at, boolean pendingExtensions) throws TarFormatException {
    if (pendingExtensions) {
      throw new TarFormatException("tar stream ends at offset " + at + " after an extended header, with no entry"
          + " for it to apply to");
    }
    ended = true;
    return null;
  }

  private String after() {
    return previous == null ? "" : " (after entry '" + previous.name() + "')";
  }

  private TarEntry entry(int format, byte type, long size, long headerStart, long blockStart,
      Map<String, byte[]> pax, byte[] longName, byte[] longLink) throws IOException {
    byte[] name = cBytes(blk, 0, 100);
    byte[] linkname = cBytes(blk, 157, 100);
    long mode = numeric(100, 8, "mode", blockStart);
    long uid = numeric(108, 8, "uid", blockStart);
    long gid = numeric(116, 8, "gid", blockStart);
    long mtime = numeric(136, 12, "mtime", blockStart);
    int mtimeNanos = 0;
    String uname = "";
    String gname = "";
    long devmajor = 0;
    long devminor = 0;
    if (format != FORMAT_V7) {
      uname = cString(blk, 265, 32);
      gname = cString(blk, 297, 32);
      devmajor = numeric(329, 8, "devmajor", blockStart);
      devminor = numeric(337, 8, "devminor", blockStart);
      byte[] prefix = null;
      if (format == FORMAT_USTAR) {
        prefix = cBytes(blk, 345, 155);
      } else if (format == FORMAT_STAR) {
        prefix = cBytes(blk, 345, 131);
      }
      if (prefix != null && prefix.length > 0) {
        byte[] joined = Arrays.copyOf(prefix, prefix.length + 1 + name.length);
        joined[prefix.length] = '/';
        System.arraycopy(name, 0, joined, prefix.length + 1, name.length);
        name = joined;
      }
    }
    String nameText = utf8(name);
    List<PaxRecord> records = new ArrayList<>();
    if (pax != null) {
      for (Map.Entry<String, byte[]> r : pax.entrySet()) {
        String k = r.getKey();
        byte[] v = r.getValue();
        records.add(new PaxRecord(k, v));
        if (k.startsWith(SPARSE_PREFIX)) {
          throw new TarFormatException("tar entry '" + nameOf(pax, nameText) + "' is a PAX sparse file (record "
              + k + "); sparse files cannot be indexed");
        }
        if (v.length == 0) {
          continue; // Go keeps the header value when a PAX record is empty
        }
        String text = utf8(v);
        try {
          switch (k) {
            case "path":
              nameText = text;
              break;
            case "linkpath":
              linkname = v;
              break;
            case "uname":
              uname = text;
              break;
            case "gname":
              gname = text;
              break;
            case "uid":
              uid = Long.parseLong(text);
              break;
            case "gid":
              gid = Long.parseLong(text);
              break;
            case "size":
              size = Long.parseLong(text);
              break;
            case "mtime":
              long[] t = parsePaxTime(text);
              mtime = t[0];
              mtimeNanos = (int) t[1];
              break;
            default:
              break;
          }
        } catch (NumberFormatException e) {
          throw new TarFormatException("tar entry '" + nameText + "' has an invalid PAX " + k + " record: '"
              + text + "'");
        }
      }
    }
    if (longName != null && longName.length > 0) {
      nameText = utf8(longName);
    }
    if (longLink != null && longLink.length > 0) {
      linkname = longLink;
    }
    if (type == 0) {
      type = nameText.endsWith("/") ? (byte) '5' : (byte) '0';
    }
    EntryType entryType = typeOf(type, nameText);
    if (size < 0) {
      throw new TarFormatException("tar entry '" + nameText + "' has a negative size " + size);
    }
    long dataSize = isHeaderOnly(entryType) ? 0 : size;
    if (dataSize > Long.MAX_VALUE - BLOCK - position) {
      // No stream holds that much; position + size would wrap around and the offsets after it would be garbage.
      throw new TarFormatException("tar entry '" + nameText + "' at offset " + blockStart + " declares a size of "
          + size + " bytes, past the largest possible tar stream");
    }
    toSkip = dataSize + padding(dataSize);
    String modTime;
    try {
      // Go's time.Unix(secs, -nsecs) for negative PAX times; ModTime writes "" for years Go cannot format
      modTime = ModTime.format(mtime, mtimeNanos);
    } catch (DateTimeException e) {
      throw new TarFormatException("tar entry '" + nameText + "' has an out-of-range modification time " + mtime);
    }
    FileMetadata md = new FileMetadata(nameText, entryType, position, size, utf8(linkname), mode,
        uid & 0xFFFFFFFFL, gid & 0xFFFFFFFFL, uname, gname, modTime, devmajor, devminor, records);
    previous = md;
    return new TarEntry(md, headerStart);
  }

  private static String nameOf(Map<String, byte[]> pax, String fallback) {
    byte[] p = pax.containsKey("GNU.sparse.name") ? pax.get("GNU.sparse.name") : pax.get("path");
    return p != null && p.length > 0 ? utf8(p) : fallback;
  }

  private static boolean isHeaderOnly(EntryType t) {
    return t != EntryType.REG;
  }

  private static EntryType typeOf(byte type, String name) throws TarFormatException {
    switch (type) {
      case '0':
        return EntryType.REG;
      case '1':
        return EntryType.HARDLINK;
      case '2':
        return EntryType.SYMLINK;
      case '3':
        return EntryType.CHAR;
      case '4':
        return EntryType.BLOCK;
      case '5':
        return EntryType.DIR;
      case '6':
        return EntryType.FIFO;
      case 'g':
        throw new TarFormatException("unsupported input tar entry 'g' (a PAX global header, '" + name
            + "'); SOCI cannot index layers with global headers");
      case 'S':
        throw new TarFormatException("unsupported input tar entry 'S': '" + name + "' is a GNU sparse file;"
            + " sparse files cannot be indexed");
      default:
        String shown = type >= 0x20 && type < 0x7f ? String.valueOf((char) type) : String.format("\\x%02x", type);
        throw new TarFormatException("unsupported input tar entry '" + shown + "' for '" + name + "'");
    }
  }

  // ---- blocks and fields ----

  private static final int FORMAT_V7 = 1;
  private static final int FORMAT_USTAR = 2;
  private static final int FORMAT_GNU = 3;
  private static final int FORMAT_STAR = 4;

  private int detectFormat(long at) throws TarFormatException {
    long stored;
    try {
      stored = octal(148, 8);
    } catch (NumberFormatException e) {
      stored = -1;
    }
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      byte b = (i >= 148 && i < 156) ? (byte) ' ' : blk[i];
      unsigned += b & 0xFF;
      signed += b;
    }
    if (stored != unsigned && stored != signed) {
      throw new TarFormatException("invalid tar header at offset " + at + after() + ": checksum mismatch");
    }
    if (matches(257, "ustar\0")) {
      return matches(508, "tar\0") ? FORMAT_STAR : FORMAT_USTAR;
    }
    if (matches(257, "ustar ") && matches(263, " \0")) {
      return FORMAT_GNU;
    }
    return FORMAT_V7;
  }

  private boolean matches(int off, String s) {
    for (int i = 0; i < s.length(); i++) {
      if (blk[off + i] != (byte) s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Go's parseNumeric: base-256 when the high bit is set, else octal padded with spaces and NULs. */
  private long numeric(int off, int len, String field, long at) throws TarFormatException {
    if ((blk[off] & 0x80) != 0) {
      int inv = (blk[off] & 0x40) != 0 ? 0xFF : 0;
      long x = 0;
      for (int i = 0; i < len; i++) {
        int c = (blk[off + i] ^ inv) & 0xFF;
        if (i == 0) {
          c &= 0x7F;
        }
        if ((x >>> 56) > 0) {
          throw badField(field, at);
        }
        x = x << 8 | c;
      }
      if ((x >>> 63) > 0) {
        throw badField(field, at);
      }
      return inv == 0xFF ? ~x : x;
    }
    try {
      return octal(off, len);
    } catch (NumberFormatException e) {
      throw badField(field, at);
    }
  }

  private TarFormatException badField(String field, long at) {
    return new TarFormatException("invalid tar header at offset " + at + after() + ": bad " + field + " field");
  }

  private long octal(int off, int len) {
    int start = off;
    int end = off + len;
    while (start < end && (blk[start] == ' ' || blk[start] == 0)) {
      start++;
    }
    while (end > start && (blk[end - 1] == ' ' || blk[end - 1] == 0)) {
      end--;
    }
    if (start == end) {
      return 0;
    }
    int nul = indexOfNul(blk, start, end);
    if (nul == start) {
      return 0;
    }
    long v = 0;
    for (int i = start; i < nul; i++) {
      int d = blk[i] - '0';
      if (d < 0 || d > 7 || (v >>> 61) != 0) {
        throw new NumberFormatException();
      }
      v = v << 3 | d;
    }
    return v;
  }

  private static int indexOfNul(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == 0) {
        return i;
      }
    }
    return to;
  }

  private static byte[] cBytes(byte[] b, int off, int len) {
    return Arrays.copyOfRange(b, off, indexOfNul(b, off, off + len));
  }

  private static String cString(byte[] b, int off, int len) {
    return utf8(cBytes(b, off, len));
  }

  /** Raw name bytes as a String that {@link RawText#encode} turns back into the same bytes. */
  private static String utf8(byte[] b) {
    return RawText.decode(b);
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static long padding(long n) {
    return (BLOCK - (n % BLOCK)) % BLOCK;
  }

  /** Reads one block; false on a clean end of input, an error on a partial block. */
  private boolean readBlock() throws IOException {
    int got = 0;
    while (got < BLOCK) {
      int n = in.read(blk, got, BLOCK - got);
      if (n < 0) {
        break;
      }
      got += n;
    }
    position += got;
    if (got == 0) {
      return false;
    }
    if (got < BLOCK) {
      throw new TarFormatException("tar stream ends inside a header block at offset " + (position - got) + after());
    }
    return true;
  }

  private byte[] readSpecialFile(long size, byte type, String name, long at) throws IOException {
    if (size > MAX_SPECIAL_FILE) {
      throw new TarFormatException("tar extension header '" + (char) type + "' at offset " + at + " is " + size
          + " bytes, more than the 1 MiB limit");
    }
    byte[] data = new byte[(int) size];
    int got = 0;
    while (got < data.length) {
      int n = in.read(data, got, data.length - got);
      if (n < 0) {
        throw new TarFormatException("tar stream ends inside the extension header '" + name + "' at offset " + at);
      }
      got += n;
    }
    position += size;
    skipFully(padding(size));
    return data;
  }

  private void skipFully(long n) throws IOException {
    long left = n;
    while (left > 0) {
      long k = in.skip(left);
      if (k <= 0) {
        if (in.read() < 0) {
          throw new TarFormatException("tar stream ends inside the data of entry '"
              + (previous == null ? "?" : previous.name()) + "' at offset " + (position + n - left));
        }
        k = 1;
      }
      left -= k;
    }
    position += n;
  }

  /** Go's parsePAX: "%d %s=%s\n" records; GNU sparse 0.0 offset/numbytes pairs are kept as they come. */
  private static Map<String, byte[]> parsePax(byte[] data, long at) throws TarFormatException {
    Map<String, byte[]> out = new TreeMap<>(TarReader::compareKeys);
    int p = 0;
    while (p < data.length) {
      int sp = p;
      while (sp < data.length && data[sp] != ' ') {
        sp++;
      }
      if (sp == data.length || sp == p || sp - p > 18) {
        throw badPax(at);
      }
      long n = 0;
      for (int i = p; i < sp; i++) {
        int d = data[i] - '0';
        if (d < 0 || d > 9) {
          throw badPax(at);
        }
        n = n * 10 + d;
      }
      if (n < 5 || n > data.length - p) {
        throw badPax(at);
      }
      int end = (int) (p + n);
      if (end - 1 <= sp || data[end - 1] != '\n') {
        throw badPax(at);
      }
      int eq = sp + 1;
      while (eq < end - 1 && data[eq] != '=') {
        eq++;
      }
      if (eq == end - 1 || eq == sp + 1) {
        throw badPax(at);
      }
      String key = utf8(Arrays.copyOfRange(data, sp + 1, eq));
      byte[] value = Arrays.copyOfRange(data, eq + 1, end - 1);
      boolean nameLike = key.equals("path") || key.equals("linkpath") || key.equals("uname")
          || key.equals("gname");
      if (key.indexOf('\0') >= 0 || (nameLike && indexOfNul(value, 0, value.length) < value.length)) {
        throw badPax(at);
      }
      out.put(key, value);
      p = end;
    }
    return out;
  }

  private static int compareKeys(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static TarFormatException badPax(long at) {
    return new TarFormatException("invalid PAX extended header at offset " + at);
  }

  /** Go's parsePAXTime: seconds and up to 9 fraction digits (longer ones cut); a negative time negates both. */
  static long[] parsePaxTime(String s) {
    int dot = s.indexOf('.');
    String ss = dot < 0 ? s : s.substring(0, dot);
    String sn = dot < 0 ? "" : s.substring(dot + 1);
    long secs = Long.parseLong(ss);
    if (sn.isEmpty()) {
      return new long[] {secs, 0};
    }
    for (int i = 0; i < sn.length(); i++) {
      if (sn.charAt(i) < '0' || sn.charAt(i) > '9') {
        throw new NumberFormatException(s);
      }
    }
    sn = sn.length() < 9 ? (sn + "000000000").substring(0, 9) : sn.substring(0, 9);
    long nanos = Long.parseLong(sn);
    return new long[] {secs, ss.startsWith("-") ? -nanos : nanos};
  }
}
