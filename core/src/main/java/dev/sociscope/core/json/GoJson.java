package dev.sociscope.core.json;

/**
 * String quoting exactly as Go's {@code encoding/json} does with its default HTML escaping, so that output can be
 * compared byte for byte with what the upstream Go tools print.
 *
 * <ul>
 *   <li>{@code "} and {@code \} are backslash-escaped; {@code \b \f \n \r \t} use their short forms (Go 1.22+);
 *       other control characters below U+0020 become <code>&#92;u00XX</code> (lowercase hex).
 *   <li>{@code <}, {@code >} and {@code &} become <code>&#92;u003c</code>, <code>&#92;u003e</code>, <code>&#92;u0026</code>; U+2028 and
 *       U+2029 become <code>&#92;u2028</code> and <code>&#92;u2029</code>.
 *   <li>Go replaces each byte of invalid UTF-8 by U+FFFD and writes it escaped as <code>&#92;ufffd</code>. Strings decoded
 *       with {@code RawText} carry such bytes as lone surrogates; every lone surrogate is written as
 *       <code>&#92;ufffd</code>.
 *   <li>Everything else, DEL and non-ASCII included, is written as is.
 * </ul>
 */
public final class GoJson {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoJson() {}

  /** {@code s} as a quoted Go JSON string. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    appendQuoted(sb, s);
    return sb.toString();
  }

  /** Appends {@code s} as a quoted Go JSON string. */
  public static StringBuilder appendQuoted(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(sb, c);
        default -> {
          if (c < 0x20) {
            unicodeEscape(sb, c);
          } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            sb.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            sb.append("\\ufffd");
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"');
  }

  private static void unicodeEscape(StringBuilder sb, char c) {
    sb.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF])
        .append(HEX[c & 0xF]);
  }
}
