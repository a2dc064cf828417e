package dev.sociscope.core.oci;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoUtf8Test {

  @Test
  void replacesEachInvalidByteOnce() {
    byte[] bytes = {'a', (byte) 0xC0, (byte) 0x80, 'b', (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xF4,
        (byte) 0x90, (byte) 0x80, (byte) 0x80, (byte) 0xE2, (byte) 0x82, (byte) 0xAC};
    // overlong C0 80 -> 2, encoded surrogate ED A0 80 -> 3, F4 90.. above U+10FFFF -> 4, then a valid euro sign
    assertThat(GoUtf8.decode(bytes)).isEqualTo("a\uFFFD\uFFFDb" + "\uFFFD".repeat(3) + "\uFFFD".repeat(4) + "€");
  }

  @Test
  void fixesOnlyLoneSurrogateEscapesInsideStrings() {
    assertThat(GoUtf8.fixSurrogateEscapes("{\"a\":\"\\ud83d\\ude00\"}")).isEqualTo("{\"a\":\"\\ud83d\\ude00\"}");
    assertThat(GoUtf8.fixSurrogateEscapes("{\"a\":\"\\ud83dx\"}")).isEqualTo("{\"a\":\"\\ufffdx\"}");
    assertThat(GoUtf8.fixSurrogateEscapes("{\"a\":\"\\ude00\\ud83d\"}")).isEqualTo("{\"a\":\"\\ufffd\\ufffd\"}");
    assertThat(GoUtf8.fixSurrogateEscapes("{\"a\":\"\\\\ud800\"}")).isEqualTo("{\"a\":\"\\\\ud800\"}");
    assertThat(GoUtf8.fixSurrogateEscapes("{\"a\":\"\\u00e9\\\"\\ud800\"}"))
        .isEqualTo("{\"a\":\"\\u00e9\\\"\\ufffd\"}");
    assertThat(GoUtf8.fixSurrogateEscapes("{\"a\":\"\\ud8")).isEqualTo("{\"a\":\"\\ud8");
  }
}
