package dev.sociscope.core.ztoc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Lossless conversion between the raw bytes of a zTOC string (tar names need not be UTF-8) and a Java
 * {@link String}. Valid UTF-8 decodes as usual; every byte that is not part of a valid UTF-8 sequence becomes the
 * lone surrogate {@code U+DC00 + byte} (Python's "surrogateescape"), which {@link #encode} turns back into that
 * byte. Valid UTF-8 never yields a lone surrogate, so the mapping is unambiguous and {@code encode(decode(b))}
 * gives {@code b} back for every byte array.
 */
public final class RawText {
  private static final char ESCAPE_BASE = 0xDC00;

  private RawText() {}

  /** Decodes bytes as UTF-8, escaping each invalid byte as {@code U+DC80..U+DCFF}. */
  public static String decode(byte[] bytes) {
    return decode(bytes, 0, bytes.length);
  }

  /** Decodes {@code length} bytes from {@code offset}, like {@link #decode(byte[])}. */
  public static String decode(byte[] bytes, int offset, int length) {
    int end = offset + length;
    StringBuilder sb = null;
    int i = offset;
    while (i < end) {
      int b = bytes[i] & 0xFF;
      if (b < 0x80) {
        if (sb != null) {
          sb.append((char) b);
        }
        i++;
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(length + 8);
        for (int k = offset; k < i; k++) {
          sb.append((char) bytes[k]);
        }
      }
      int len = validSequenceLength(bytes, i, end);
      if (len == 0) {
        sb.append((char) (ESCAPE_BASE + b));
        i++;
      } else {
        sb.append(new String(bytes, i, len, StandardCharsets.UTF_8));
        i += len;
      }
    }
    return sb == null ? new String(bytes, offset, length, StandardCharsets.ISO_8859_1) : sb.toString();
  }

  /** Encodes as UTF-8, turning escaped bytes ({@code U+DC80..U+DCFF} on their own) back into raw bytes. */
  public static byte[] encode(String text) {
    if (isAscii(text)) {
      return text.getBytes(StandardCharsets.ISO_8859_1);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        writeCodePoint(out, Character.toCodePoint(c, text.charAt(i + 1)));
        i += 2;
      } else if (c >= ESCAPE_BASE + 0x80 && c <= ESCAPE_BASE + 0xFF) {
        out.write(c - ESCAPE_BASE);
        i++;
      } else if (Character.isSurrogate(c)) {
        writeCodePoint(out, 0xFFFD); // a lone surrogate we did not produce: Go would write U+FFFD too
        i++;
      } else {
        writeCodePoint(out, c);
        i++;
      }
    }
    return out.toByteArray();
  }

  /** True when {@code text} holds bytes that were not valid UTF-8. */
  public static boolean hasRawBytes(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= ESCAPE_BASE + 0x80 && c <= ESCAPE_BASE + 0xFF
          && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static void writeCodePoint(ByteArrayOutputStream out, int cp) {
    if (cp < 0x80) {
      out.write(cp);
    } else if (cp < 0x800) {
      out.write(0xC0 | (cp >> 6));
      out.write(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out.write(0xE0 | (cp >> 12));
      out.write(0x80 | ((cp >> 6) & 0x3F));
      out.write(0x80 | (cp & 0x3F));
    } else {
      out.write(0xF0 | (cp >> 18));
      out.write(0x80 | ((cp >> 12) & 0x3F));
      out.write(0x80 | ((cp >> 6) & 0x3F));
      out.write(0x80 | (cp & 0x3F));
    }
  }

  /** Length of the well-formed UTF-8 sequence at {@code i} (Unicode table 3-7, as Go's utf8 package), or 0. */
  private static int validSequenceLength(byte[] b, int i, int end) {
    int b0 = b[i] & 0xFF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      return i + 1 < end && isCont(b[i + 1]) ? 2 : 0;
    }
    if (b0 >= 0xE0 && b0 <= 0xEF) {
      if (i + 2 >= end) {
        return 0;
      }
      int b1 = b[i + 1] & 0xFF;
      int lo = b0 == 0xE0 ? 0xA0 : 0x80;
      int hi = b0 == 0xED ? 0x9F : 0xBF;
      return b1 >= lo && b1 <= hi && isCont(b[i + 2]) ? 3 : 0;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
      if (i + 3 >= end) {
        return 0;
      }
      int b1 = b[i + 1] & 0xFF;
      int lo = b0 == 0xF0 ? 0x90 : 0x80;
      int hi = b0 == 0xF4 ? 0x8F : 0xBF;
      return b1 >= lo && b1 <= hi && isCont(b[i + 2]) && isCont(b[i + 3]) ? 4 : 0;
    }
    return 0;
  }

  private static boolean isCont(byte x) {
    return (x & 0xC0) == 0x80;
  }
}
