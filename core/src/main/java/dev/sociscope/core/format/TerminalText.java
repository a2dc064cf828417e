package dev.sociscope.core.format;

import java.nio.charset.StandardCharsets;

/**
 * Text from outside (file names, tags, annotations, repository names, messages that quote input) made safe to print
 * on a terminal, as {@code ls -b} prints names: {@code \n}, {@code \t}, {@code \r}, {@code \033} for ESC,
 * {@code \\} for a backslash, three-digit octal for every other control character (C0, DEL and the C1 range, by
 * their UTF-8 bytes) and for the bytes of a name that were not valid UTF-8 (kept by {@code RawText} as
 * {@code U+DC80..U+DCFF}). Line and paragraph separators and the bidirectional overrides, which reorder or break
 * what a terminal shows, are escaped the same way. Everything else, non-ASCII letters included, is kept. JSON
 * output is never passed through here: it must stay exact.
 */
public final class TerminalText {
  private static final char RAW_BYTE_BASE = 0xDC00;

  private TerminalText() {}

  /** {@code text} with every character a terminal would act on written out as an escape. */
  public static String escape(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = replacement(text, i, c);
      if (replacement != null && sb == null) {
        sb = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (sb != null) {
        if (replacement != null) {
          sb.append(replacement);
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? text : sb.toString();
  }

  /**
   * One character of program output as it may reach a terminal: control characters other than line ends and tabs
   * become escapes, everything else (backslashes included) is kept. The CLI's writers pass all text output through
   * this, so a value printed without {@link #escape} still cannot send an escape sequence.
   */
  public static String controlEscape(char c) {
    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
      return c == 0x1b ? "\\033" : octal(c);
    }
    return null;
  }

  private static String replacement(String text, int i, char c) {
    switch (c) {
      case '\\': return "\\\\";
      case '\n': return "\\n";
      case '\t': return "\\t";
      case '\r': return "\\r";
      case 0x1b: return "\\033";
      default: break;
    }
    if (c < 0x20 || c == 0x7f) {
      return octal(c);
    }
    if ((c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069') || c == '\u200e' || c == '\u200f' || c == '\u061c') {
      return octalUtf8(String.valueOf(c));
    }
    if (c >= RAW_BYTE_BASE + 0x80 && c <= RAW_BYTE_BASE + 0xFF && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
      return octal(c - RAW_BYTE_BASE); // a byte that was not valid UTF-8, as ls -b shows it
    }
    if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
      return null;
    }
    if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1))) {
      return null;
    }
    if (Character.isSurrogate(c)) {
      return octalUtf8("\ufffd"); // half a pair: not printable as it is
    }
    return null;
  }

  private static String octal(int b) {
    return "\\" + (char) ('0' + ((b >> 6) & 7)) + (char) ('0' + ((b >> 3) & 7)) + (char) ('0' + (b & 7));
  }

  private static String octalUtf8(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      sb.append(octal(b & 0xFF));
    }
    return sb.toString();
  }
}
