package dev.sociscope.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.ztoc.RawText;
import org.junit.jupiter.api.Test;

/** Text from outside as {@code ls -b} shows it (issue 14, finding 10). */
class TerminalTextTest {
  @Test
  void controlCharactersBecomeEscapesAsLsDashBWritesThem() {
    assertThat(TerminalText.escape("a\u001b[2Jb")).isEqualTo("a\\033[2Jb");
    assertThat(TerminalText.escape("line\nnext\ttab\rret")).isEqualTo("line\\nnext\\ttab\\rret");
    assertThat(TerminalText.escape("bell\u0007del\u007f")).isEqualTo("bell\\007del\\177");
    assertThat(TerminalText.escape("back\\slash")).isEqualTo("back\\\\slash");
    assertThat(TerminalText.escape("csi\u009b31m")).isEqualTo("csi\\302\\23331m"); // C1 CSI, by its UTF-8 bytes
    assertThat(TerminalText.escape("rtl\u202eexe.txt")).isEqualTo("rtl\\342\\200\\256exe.txt");
  }

  @Test
  void bytesThatWereNotUtf8AreShownInOctal() {
    String name = RawText.decode(new byte[] {'a', (byte) 0xff, 'b', (byte) 0xc3});
    assertThat(TerminalText.escape(name)).isEqualTo("a\\377b\\303");
  }

  @Test
  void printableTextIsKeptAsItIs() {
    String text = "usr/share/zoneinfo/Europe/Zürich 日本語 \uD83D\uDE00 ok";
    assertThat(TerminalText.escape(text)).isSameAs(text);
  }

  @Test
  void theOutputGuardKeepsLineEndsAndTabsOnly() {
    assertThat(TerminalText.controlEscape('\n')).isNull();
    assertThat(TerminalText.controlEscape('\t')).isNull();
    assertThat(TerminalText.controlEscape('\\')).isNull();
    assertThat(TerminalText.controlEscape('\u001b')).isEqualTo("\\033");
    assertThat(TerminalText.controlEscape('\u0008')).isEqualTo("\\010");
  }
}
