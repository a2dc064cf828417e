package dev.sociscope.core.oci;

/**
 * Decodes UTF-8 the way Go's {@code encoding/json} treats string bytes: every byte that does not start a valid,
 * shortest-form UTF-8 sequence of a scalar value becomes one U+FFFD, and decoding resumes at the next byte.
 * (Java's decoder replaces whole malformed sequences, which would give different strings and digests.)
 */
final class GoUtf8 {
  private GoUtf8() {}

  /**
   * Replaces every lone UTF-16 surrogate by U+FFFD, as Go's decoder does for a <code>&#92;ud800</code> escape that is not
   * part of a valid pair.
   */
  static String replaceLoneSurrogates(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
      if (pair) {
        if (sb != null) {
          sb.append(c).append(s.charAt(i + 1));
        }
        i++;
        continue;
      }
      if (Character.isSurrogate(c)) {
        if (sb == null) {
          sb = new StringBuilder(s.length()).append(s, 0, i);
        }
        sb.append('\uFFFD');
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? s : sb.toString();
  }

  /**
   * Rewrites <code>&#92;uXXXX</code> escapes of lone surrogates inside JSON strings to <code>&#92;ufffd</code>. Go's decoder
   * accepts them and yields U+FFFD; Jackson rejects a high surrogate escape that is not followed by a low one.
   */
  static String fixSurrogateEscapes(String json) {
    if (json.indexOf("\\u") < 0) {
      return json;
    }
    StringBuilder sb = new StringBuilder(json.length());
    boolean inString = false;
    int i = 0;
    while (i < json.length()) {
      char c = json.charAt(i);
      if (!inString) {
        inString = c == '"';
        sb.append(c);
        i++;
      } else if (c == '"') {
        inString = false;
        sb.append(c);
        i++;
      } else if (c == '\\' && i + 1 < json.length() && json.charAt(i + 1) != 'u') {
        sb.append(c).append(json.charAt(i + 1));
        i += 2;
      } else if (c == '\\') {
        int unit = hex4(json, i + 2);
        int next = hex4(json, i + 8);
        if (unit >= 0xD800 && unit <= 0xDBFF && next >= 0xDC00 && next <= 0xDFFF) {
          sb.append(json, i, i + 12);
          i += 12;
        } else if (unit >= 0xD800 && unit <= 0xDFFF) {
          sb.append("\\ufffd");
          i += 6;
        } else {
          sb.append(c);
          i++;
        }
      } else {
        sb.append(c);
        i++;
      }
    }
    return sb.toString();
  }

  /** The value of 4 hex digits at {@code at}, or -1. Also -1 unless preceded by a backslash-u at {@code at - 2}. */
  private static int hex4(String s, int at) {
    if (at < 2 || at + 4 > s.length() || s.charAt(at - 2) != '\\' || s.charAt(at - 1) != 'u') {
      return -1;
    }
    int value = 0;
    for (int k = at; k < at + 4; k++) {
      int d = Character.digit(s.charAt(k), 16);
      if (d < 0) {
        return -1;
      }
      value = value * 16 + d;
    }
    return value;
  }

  static String decode(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length);
    int i = 0;
    while (i < bytes.length) {
      int b0 = bytes[i] & 0xFF;
      if (b0 < 0x80) {
        sb.append((char) b0);
        i++;
        continue;
      }
      int need;
      int cp;
      int min;
      if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1;
        cp = b0 & 0x1F;
        min = 0x80;
      } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2;
        cp = b0 & 0x0F;
        min = 0x800;
      } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3;
        cp = b0 & 0x07;
        min = 0x10000;
      } else {
        sb.append('\uFFFD');
        i++;
        continue;
      }
      boolean ok = i + need < bytes.length;
      for (int k = 1; ok && k <= need; k++) {
        int b = bytes[i + k] & 0xFF;
        if ((b & 0xC0) != 0x80) {
          ok = false;
        } else {
          cp = (cp << 6) | (b & 0x3F);
        }
      }
      if (ok && cp >= min && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF)) {
        sb.appendCodePoint(cp);
        i += need + 1;
      } else {
        sb.append('\uFFFD');
        i++;
      }
    }
    return sb.toString();
  }
}
