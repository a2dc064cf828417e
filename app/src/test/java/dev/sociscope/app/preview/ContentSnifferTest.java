package dev.sociscope.app.preview;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ContentSnifferTest {

  @Test
  void utf8TextIncludingACharacterCutByThePreviewLimit() {
    byte[] text = "grüße, 日本語\nline two\n".getBytes(StandardCharsets.UTF_8);
    assertThat(ContentSniffer.sniff(text, false)).isEqualTo(ContentSniffer.Kind.UTF8);
    byte[] cut = Arrays.copyOf(text, 10); // inside "日"
    assertThat(ContentSniffer.sniff(Arrays.copyOf(text, 11), true)).isEqualTo(ContentSniffer.Kind.UTF8);
    assertThat(ContentSniffer.lines(text, ContentSniffer.Kind.UTF8)).containsExactly("grüße, 日本語", "line two");
    assertThat(cut).isNotEmpty();
  }

  @Test
  void latin1WhenNotUtf8ButPrintable() {
    byte[] latin = "caf\u00e9 cr\u00e8me\r\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(ContentSniffer.sniff(latin, false)).isEqualTo(ContentSniffer.Kind.LATIN1);
    assertThat(ContentSniffer.lines(latin, ContentSniffer.Kind.LATIN1)).containsExactly("café crème");
  }

  @Test
  void binaryWithNulOrControlBytes() {
    assertThat(ContentSniffer.sniff(new byte[] {'a', 0, 'b'}, false)).isEqualTo(ContentSniffer.Kind.BINARY);
    byte[] noise = new byte[256];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (byte) (i % 32 == 10 ? 1 : 0x81 + i % 16);
    }
    assertThat(ContentSniffer.sniff(noise, false)).isEqualTo(ContentSniffer.Kind.BINARY);
  }

  @Test
  void imagesByMagicNumber() {
    byte[] png = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 32);
    assertThat(ContentSniffer.sniff(png, false)).isEqualTo(ContentSniffer.Kind.IMAGE);
  }

  @Test
  void hexDumpLayout() {
    byte[] b = "ABCDEFGHIJKLMNOPQ".getBytes(StandardCharsets.US_ASCII);
    assertThat(ContentSniffer.hexLines(b)).containsExactly(
        "00000000  41 42 43 44 45 46 47 48  49 4a 4b 4c 4d 4e 4f 50  |ABCDEFGHIJKLMNOP|",
        "00000010  51                                                |Q|");
  }
}
