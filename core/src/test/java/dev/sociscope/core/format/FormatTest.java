package dev.sociscope.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.ztoc.EntryType;
import org.junit.jupiter.api.Test;

class FormatTest {
  @Test
  void sizesParseAsPeopleTypeThem() {
    assertThat(ByteSize.parse("65536")).isEqualTo(65536);
    assertThat(ByteSize.parse("64KiB")).isEqualTo(65536);
    assertThat(ByteSize.parse("4MiB")).isEqualTo(4L << 20);
    assertThat(ByteSize.parse(" 4 mib ")).isEqualTo(4L << 20);
    assertThat(ByteSize.parse("1GiB")).isEqualTo(1L << 30);
    assertThat(ByteSize.parse("2k")).isEqualTo(2048);
    assertThat(ByteSize.parse("10MB")).isEqualTo(10L << 20);
    assertThat(ByteSize.parse("0")).isZero();
    assertThatThrownBy(() -> ByteSize.parse("-1")).hasMessage("'-1' is not a byte size (examples: 65536, 64KiB, 4MiB)");
    assertThatThrownBy(() -> ByteSize.parse("4 bananas")).hasMessageContaining("'4 bananas' is not a byte size");
    assertThatThrownBy(() -> ByteSize.parse("MiB")).hasMessageContaining("is not a byte size");
    assertThatThrownBy(() -> ByteSize.parse("9999999999999999999")).hasMessageContaining("too large");
    assertThatThrownBy(() -> ByteSize.parse("9000000000TiB")).hasMessageContaining("too large");
  }

  @Test
  void sizesPrintInBinaryUnits() {
    assertThat(ByteSize.human(512)).isEqualTo("512 B");
    assertThat(ByteSize.human(1536)).isEqualTo("1.5 KiB");
    assertThat(ByteSize.human(150L << 20)).isEqualTo("150 MiB");
    assertThat(ByteSize.exact(13117538)).isEqualTo("13,117,538");
  }

  @Test
  void modesShowSetuidSetgidAndSticky() {
    assertThat(FileMode.ls(EntryType.REG, 04755)).isEqualTo("-rwsr-xr-x");
    assertThat(FileMode.ls(EntryType.REG, 02755)).isEqualTo("-rwxr-sr-x");
    assertThat(FileMode.ls(EntryType.DIR, 01777)).isEqualTo("drwxrwxrwt");
    assertThat(FileMode.ls(EntryType.REG, 06644)).isEqualTo("-rwSr-Sr--");
    assertThat(FileMode.ls(EntryType.HARDLINK, 0644)).isEqualTo("hrw-r--r--");
    assertThat(FileMode.octal(0104755)).isEqualTo("4755");
    assertThat(ShortDigest.of("sha256:" + "a".repeat(64))).isEqualTo("sha256:aaaaaaaaaaaa");
  }
}
