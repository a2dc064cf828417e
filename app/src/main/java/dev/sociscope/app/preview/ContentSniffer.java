package dev.sociscope.app.preview;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Decides how to show bytes: an image by its magic number, UTF-8 or Latin-1 text, or a hex dump. */
public final class ContentSniffer {
  static final int HEX_WIDTH = 16;
  private static final int NUL_SCAN = 8192;

  private ContentSniffer() {}

  /** What the bytes look like. */
  public enum Kind { IMAGE, UTF8, LATIN1, BINARY }

  public static Kind sniff(byte[] bytes, boolean truncated) {
    if (isImage(bytes)) {
      return Kind.IMAGE;
    }
    for (int i = 0; i < Math.min(bytes.length, NUL_SCAN); i++) {
      if (bytes[i] == 0) {
        return Kind.BINARY;
      }
    }
    if (isUtf8(bytes, truncated)) {
      return Kind.UTF8;
    }
    return mostlyPrintableLatin1(bytes) ? Kind.LATIN1 : Kind.BINARY;
  }

  static boolean isImage(byte[] b) {
    return startsWith(b, 0x89, 'P', 'N', 'G') || startsWith(b, 0xFF, 0xD8, 0xFF) || startsWith(b, 'G', 'I', 'F', '8')
        || startsWith(b, 'B', 'M');
  }

  private static boolean startsWith(byte[] b, int... magic) {
    if (b.length < magic.length + 8) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((b[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /** Strict UTF-8; a sequence cut off by the preview limit at the very end is fine. */
  static boolean isUtf8(byte[] bytes, boolean truncated) {
    CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      CoderResult r = d.decode(in, out, true);
      if (r.isOverflow()) {
        out.clear();
        continue;
      }
      if (r.isError()) {
        return truncated && r.isMalformed() && in.remaining() < 4 && in.position() + r.length() >= bytes.length;
      }
      return true;
    }
  }

  static boolean mostlyPrintableLatin1(byte[] bytes) {
    if (bytes.length == 0) {
      return true;
    }
    int bad = 0;
    for (byte b : bytes) {
      int c = b & 0xFF;
      boolean control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || (c >= 0x7F && c < 0xA0);
      if (control) {
        bad++;
      }
    }
    return bad * 20 < bytes.length;
  }

  /** Text lines (for UTF-8 and Latin-1); a trailing broken UTF-8 sequence becomes a replacement character. */
  public static List<String> lines(byte[] bytes, Kind kind) {
    String text;
    if (kind == Kind.UTF8) {
      try {
        text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
            .decode(ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        text = new String(bytes, StandardCharsets.UTF_8);
      }
    } else {
      text = new String(bytes, StandardCharsets.ISO_8859_1);
    }
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        out.add(stripCr(text.substring(start, i)));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      out.add(stripCr(text.substring(start)));
    }
    return out;
  }

  private static String stripCr(String s) {
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  /** A classic hex dump: offset, 16 bytes in hex, then the printable ASCII. */
  public static List<String> hexLines(byte[] bytes) {
    return hexLines(bytes, 0);
  }

  /** A hex dump of bytes that start {@code base} bytes into the file (the offsets shown). */
  public static List<String> hexLines(byte[] bytes, long base) {
    List<String> out = new ArrayList<>(bytes.length / HEX_WIDTH + 1);
    StringBuilder sb = new StringBuilder(80);
    for (int off = 0; off < bytes.length; off += HEX_WIDTH) {
      sb.setLength(0);
      sb.append(String.format("%08x  ", base + off));
      int n = Math.min(HEX_WIDTH, bytes.length - off);
      for (int i = 0; i < HEX_WIDTH; i++) {
        if (i < n) {
          int b = bytes[off + i] & 0xFF;
          sb.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xF, 16)).append(' ');
        } else {
          sb.append("   ");
        }
        if (i == 7) {
          sb.append(' ');
        }
      }
      sb.append(" |");
      for (int i = 0; i < n; i++) {
        int b = bytes[off + i] & 0xFF;
        sb.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
      }
      sb.append('|');
      out.add(sb.toString());
    }
    return out;
  }
}
