package dev.sociscope.core.oci;

import dev.sociscope.core.json.GoJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Writes compact JSON exactly as Go's {@code encoding/json} {@code Marshal} does (spec 2.3, vectors/index README
 * "Byte rules"): no whitespace, no trailing newline, HTML-safe string escaping, raw UTF-8 otherwise, map keys
 * sorted by their UTF-8 bytes. Field order is the caller's business (Go writes struct fields in declaration order).
 *
 * <p>String escaping: {@code <} becomes <code>&#92;u003c</code> (likewise {@code >}, {@code &}, U+2028, U+2029),
 * control characters become {@code \n}, {@code \r}, {@code \t}, {@code \b}, {@code \f} (Go 1.22+) or
 * <code>&#92;u00XX</code> in lower-case hex; {@code /}, DEL, non-ASCII and emoji are written raw. A lone UTF-16
 * surrogate (which Java strings can hold but UTF-8 cannot) stands for a byte of invalid UTF-8 and is written as
 * <code>&#92;ufffd</code>, as Go writes invalid UTF-8 (string quoting is {@link GoJson}'s). {@link OciJson} never
 * produces lone surrogates when reading: like Go's decoder it turns them into U+FFFD, which is then written raw.
 */
public final class GoJsonWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
  /** One entry per open object/array: true while no member has been written yet. */
  private final Deque<Boolean> first = new ArrayDeque<>();
  private boolean afterName;

  public GoJsonWriter beginObject() {
    beforeValue();
    out.write('{');
    first.push(Boolean.TRUE);
    return this;
  }

  public GoJsonWriter endObject() {
    first.pop();
    out.write('}');
    return this;
  }

  public GoJsonWriter beginArray() {
    beforeValue();
    out.write('[');
    first.push(Boolean.TRUE);
    return this;
  }

  public GoJsonWriter endArray() {
    first.pop();
    out.write(']');
    return this;
  }

  /** Writes a member name; the next call must write its value. */
  public GoJsonWriter name(String name) {
    separate();
    writeQuoted(name);
    out.write(':');
    afterName = true;
    return this;
  }

  public GoJsonWriter value(String text) {
    beforeValue();
    writeQuoted(text);
    return this;
  }

  public GoJsonWriter value(long number) {
    beforeValue();
    writeAscii(Long.toString(number));
    return this;
  }

  public GoJsonWriter nullValue() {
    beforeValue();
    writeAscii("null");
    return this;
  }

  /** A {@code map[string]string}: keys sorted by UTF-8 bytes, as Go's encoder sorts them. */
  public GoJsonWriter stringMap(Map<String, String> map) {
    beginObject();
    for (Map.Entry<String, String> e : sortedByKeyBytes(map)) {
      name(e.getKey()).value(e.getValue());
    }
    return endObject();
  }

  /** A {@code []string}. */
  public GoJsonWriter stringArray(List<String> values) {
    beginArray();
    for (String v : values) {
      value(v);
    }
    return endArray();
  }

  public byte[] toByteArray() {
    if (!first.isEmpty()) {
      throw new IllegalStateException("unclosed JSON object or array");
    }
    return out.toByteArray();
  }

  /** The Go quoted form of one string, as bytes (for tests and callers composing JSON by hand). */
  public static byte[] quote(String text) {
    GoJsonWriter w = new GoJsonWriter();
    w.writeQuoted(text);
    return w.out.toByteArray();
  }

  /** Entries ordered as Go orders map keys: by the bytes of the UTF-8 encoded key. */
  public static <V> List<Map.Entry<String, V>> sortedByKeyBytes(Map<String, V> map) {
    List<Map.Entry<String, V>> entries = new ArrayList<>(map.entrySet());
    entries.sort((a, b) -> compareUtf8(a.getKey(), b.getKey()));
    return entries;
  }

  /** Compares as the UTF-8 bytes would compare, i.e. by code point (lone surrogates count as U+FFFD). */
  static int compareUtf8(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = codePointAt(a, i);
      int cb = codePointAt(b, j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(a.codePointAt(i));
      j += Character.charCount(b.codePointAt(j));
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static int codePointAt(String s, int index) {
    int cp = s.codePointAt(index);
    return cp <= 0xFFFF && Character.isSurrogate((char) cp) ? 0xFFFD : cp;
  }

  private void beforeValue() {
    if (afterName) {
      afterName = false;
    } else {
      separate();
    }
  }

  private void separate() {
    if (first.isEmpty()) {
      return;
    }
    if (first.peek()) {
      first.pop();
      first.push(Boolean.FALSE);
    } else {
      out.write(',');
    }
  }

  private void writeQuoted(String s) {
    // GoJson escapes every lone surrogate, so its result is well-formed UTF-16 and encodes losslessly.
    byte[] quoted = GoJson.quote(s).getBytes(StandardCharsets.UTF_8);
    out.write(quoted, 0, quoted.length);
  }

  private void writeAscii(String s) {
    for (int k = 0; k < s.length(); k++) {
      out.write(s.charAt(k));
    }
  }
}
