package dev.sociscope.core.oci;

/**
 * Decodes UTF-8 the way Go's {@code encoding/json} treats string bytes: every byte that does not start a valid,
 * shortest-form UTF-8 sequence of a scalar value becomes one U+FFFD, and decoding resumes at the next byte.
 * (Java's decoder replaces whole malformed sequences, which would give different strings and digests.)
 */
final class GoUtf8 {
  private GoUtf8() {}

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
