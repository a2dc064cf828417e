package dev.sociscope.core.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoJsonWriterTest {

  private static String quoted(String s) {
    return new String(GoJsonWriter.quote(s), StandardCharsets.UTF_8);
  }

  @Test
  void escapesLikeGoWithHtmlEscaping() {
    assertThat(quoted("<>&")).isEqualTo("\"\\u003c\\u003e\\u0026\"");
    assertThat(quoted("\"\\/'")).isEqualTo("\"\\\"\\\\/'\"");
    assertThat(quoted("\n\r\t\b\f")).isEqualTo("\"\\n\\r\\t\\b\\f\"");
    assertThat(quoted("\u0000\u0001\u001f\u001b")).isEqualTo("\"\\u0000\\u0001\\u001f\\u001b\"");
    assertThat(quoted("\u007f\u00a0é")).isEqualTo("\"\u007f\u00a0é\"");
    assertThat(quoted("\u2028\u2029")).isEqualTo("\"\\u2028\\u2029\"");
    assertThat(GoJsonWriter.quote("\uD83D\uDE00"))
        .isEqualTo(new byte[] {'"', (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80, '"'});
  }

  @Test
  void loneSurrogateIsWrittenAsEscapedReplacementCharacter() {
    assertThat(quoted("a\uD800b\uDC00")).isEqualTo("\"a\\ufffdb\\ufffd\"");
  }

  @Test
  void readingALoneSurrogateEscapeGivesARawReplacementCharacterLikeGo() throws Exception {
    Digest d = Digest.of(new byte[0]);
    byte[] json = ("{\"mediaType\":\"t\",\"digest\":\"" + d + "\",\"size\":1,"
        + "\"annotations\":{\"k\\ud800\":\"v\\udc00\\ud83d\\ude00\"}}").getBytes(StandardCharsets.UTF_8);
    Descriptor parsed = OciJson.parseDescriptor(json);
    assertThat(parsed.annotations()).containsEntry("k\uFFFD", "v\uFFFD\uD83D\uDE00");
    assertThat(new String(OciJson.write(parsed), StandardCharsets.UTF_8))
        .endsWith("\"annotations\":{\"k\uFFFD\":\"v\uFFFD\uD83D\uDE00\"}}");
  }

  @Test
  void sortsMapKeysByUtf8BytesNotUtf16Units() {
    // U+FF21 (3 UTF-8 bytes EF BC A1) sorts before U+1F600 (F0 ...) in UTF-8, after it in UTF-16.
    Map<String, String> map = new LinkedHashMap<>();
    map.put("\uD83D\uDE00", "emoji");
    map.put("\uFF21", "fullwidth");
    map.put("a<", "1");
    map.put("a=", "2");
    map.put("Z", "3");
    String json = new String(new GoJsonWriter().stringMap(map).toByteArray(), StandardCharsets.UTF_8);
    assertThat(json).isEqualTo("{\"Z\":\"3\",\"a\\u003c\":\"1\",\"a=\":\"2\",\"\uFF21\":\"fullwidth\","
        + "\"\uD83D\uDE00\":\"emoji\"}");
  }

  @Test
  void descriptorOmitsEmptiesButAlwaysWritesMediaTypeDigestSize() {
    Digest d = Digest.of(new byte[0]);
    Descriptor bare = new Descriptor(null, d, 0, List.of(), Map.of(), "", null, "", Map.of());
    assertThat(new String(OciJson.write(bare), StandardCharsets.UTF_8))
        .isEqualTo("{\"mediaType\":\"\",\"digest\":\"" + d + "\",\"size\":0}");
    Descriptor full = new Descriptor("t", d, 5, List.of("https://x/y"), Map.of("k", "v"), "aGVsbG8=",
        Platform.of("linux", "arm", "v7"), "a/b", Map.of());
    assertThat(new String(OciJson.write(full), StandardCharsets.UTF_8))
        .isEqualTo("{\"mediaType\":\"t\",\"digest\":\"" + d + "\",\"size\":5,\"urls\":[\"https://x/y\"],"
            + "\"annotations\":{\"k\":\"v\"},\"data\":\"aGVsbG8=\","
            + "\"platform\":{\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v7\"},\"artifactType\":\"a/b\"}");
  }

  @Test
  void dataIsReadAndWrittenAsCanonicalBase64() throws Exception {
    Digest d = Digest.of(new byte[0]);
    byte[] json = ("{\"mediaType\":\"t\",\"digest\":\"" + d + "\",\"size\":5,\"data\":\"aGVsbG8\"}")
        .getBytes(StandardCharsets.UTF_8);
    assertThat(OciJson.parseDescriptor(json).data()).isEqualTo("aGVsbG8=");
  }
}
