package dev.sociscope.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.ztoc.RawText;
import org.junit.jupiter.api.Test;

/** Expected strings are what Go 1.22+ {@code json.Marshal} prints for the same Go string. */
class GoJsonTest {

  @Test
  void escapesHtmlCharactersLikeGo() {
    assertThat(GoJson.quote("<a href=\"x\">&</a>")).isEqualTo("\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u003c/a\\u003e\"");
  }

  @Test
  void escapesControlCharactersLikeGo() {
    assertThat(GoJson.quote("\b\f\n\r\t\u0000\u0001\u001f\u007f"))
        .isEqualTo("\"\\b\\f\\n\\r\\t\\u0000\\u0001\\u001f\u007f\"");
    assertThat(GoJson.quote("back\\slash")).isEqualTo("\"back\\\\slash\"");
  }

  @Test
  void escapesLineAndParagraphSeparatorsButNotOtherUnicode() {
    assertThat(GoJson.quote("a\u2028b\u2029c")).isEqualTo("\"a\\u2028b\\u2029c\"");
    assertThat(GoJson.quote("ünïcödé-日本語-🙂")).isEqualTo("\"ünïcödé-日本語-🙂\"");
    assertThat(GoJson.quote("\ufffd")).isEqualTo("\"\ufffd\"");
  }

  @Test
  void invalidUtf8BytesBecomeEscapedReplacementCharacters() {
    String raw = RawText.decode(new byte[] {'a', (byte) 0xff, (byte) 0xe6, (byte) 0x97, 'b'});
    assertThat(GoJson.quote(raw)).isEqualTo("\"a\\ufffd\\ufffd\\ufffdb\"");
  }
}
