package dev.sociscope.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.ztoc.EntryType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormatTest {
  @Test
  void sizesParseAsPeopleTypeThem() {
    assertThat(ByteSize.parse("65536")).isEqualTo(65536);
    assertThat(ByteSize.parse("64KiB")).isEqualTo(65536);
    assertThat(ByteSize.parse("4MiB")).isEqualTo(4L << 20);
    assertThat(ByteSize.parse(" 4 mib ")).isEqualTo(4L << 20);
    assertThat(ByteSize.parse("1GiB")).isEqualTo(1L << 30);
    assertThat(ByteSize.parse("2TiB")).isEqualTo(2L << 40);
    assertThat(ByteSize.parse("512B")).isEqualTo(512);
    assertThat(ByteSize.parse("0")).isZero();
    assertThat(ByteSize.parse("-0")).isZero();
    assertThat(ByteSize.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(ByteSize.parse("8388607TiB")).isEqualTo(8388607L << 40);
  }

  @Test
  void kbMbAndTheShortFormsAreBinaryToo() {
    assertThat(ByteSize.parse("64KB")).isEqualTo(65536);
    assertThat(ByteSize.parse("64k")).isEqualTo(65536);
    assertThat(ByteSize.parse("10MB")).isEqualTo(10L << 20);
    assertThat(ByteSize.parse("10M")).isEqualTo(10L << 20);
    assertThat(ByteSize.parse("1gb")).isEqualTo(1L << 30);
  }

  @ParameterizedTest
  @ValueSource(strings = {"4 bananas", "MiB", "", "  ", "1.5MiB", "0x10", "+5", "64KiBB", "64 K iB", "1e6", "--1"})
  void junkIsRejectedNamingTheValue(String text) {
    assertThatThrownBy(() -> ByteSize.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + text + "' is not a byte size (examples: 65536, 64KiB, 4MiB, 1GiB)");
  }

  @Test
  void negativeAndOverflowHaveTheirOwnLine() {
    assertThatThrownBy(() -> ByteSize.parse("-1")).hasMessage("'-1' is negative; a byte size is 0 or more");
    assertThatThrownBy(() -> ByteSize.parse("-4MiB")).hasMessage("'-4MiB' is negative; a byte size is 0 or more");
    assertThatThrownBy(() -> ByteSize.parse("9223372036854775808"))
        .hasMessage("'9223372036854775808' is too large a byte size (at most 8 EiB - 1 byte)");
    assertThatThrownBy(() -> ByteSize.parse("99999999999999999999")).hasMessageContaining("too large");
    assertThatThrownBy(() -> ByteSize.parse("8388608TiB")).hasMessageContaining("'8388608TiB' is too large");
    assertThatThrownBy(() -> ByteSize.parse(null)).hasMessageContaining("is not a byte size");
  }

  @Test
  void positiveSizesRejectZero() {
    assertThat(ByteSize.parsePositive("1")).isEqualTo(1);
    assertThatThrownBy(() -> ByteSize.parsePositive("0KiB"))
        .hasMessage("'0KiB' is not a positive byte size (examples: 65536, 64KiB, 4MiB, 1GiB)");
    assertThatThrownBy(() -> ByteSize.parsePositive("-1"))
        .hasMessageContaining("negative").hasMessageContaining("at least 1 byte").hasMessageNotContaining("0 or more");
  }

  @Test
  void sizesPrintInBinaryUnits() {
    assertThat(ByteSize.human(0)).isEqualTo("0 B");
    assertThat(ByteSize.human(512)).isEqualTo("512 B");
    assertThat(ByteSize.human(1023)).isEqualTo("1023 B");
    assertThat(ByteSize.human(1024)).isEqualTo("1.0 KiB");
    assertThat(ByteSize.human(1536)).isEqualTo("1.5 KiB");
    assertThat(ByteSize.human(3 * 1024 * 1024 / 2)).isEqualTo("1.5 MiB");
    assertThat(ByteSize.human(150L << 20)).isEqualTo("150 MiB");
    // Rounding never shows 1024 of a unit or 100.0.
    assertThat(ByteSize.human((1L << 20) - 1)).isEqualTo("1.0 MiB");
    assertThat(ByteSize.human(102379)).isEqualTo("100 KiB");
    assertThat(ByteSize.human(Long.MAX_VALUE)).isEqualTo("8.0 EiB");
    assertThat(ByteSize.human(-1536)).isEqualTo("-1.5 KiB");
    assertThat(ByteSize.human(Long.MIN_VALUE)).isEqualTo("-8.0 EiB");
    assertThat(ByteSize.exact(13117538)).isEqualTo("13,117,538");
  }

  @Test
  void humanAndParseRoundTripOnPowersOfTwo() {
    for (int shift = 10; shift <= 60; shift += 10) {
      String text = ByteSize.human(3L << shift).replace(".0", "").replace(" ", "");
      assertThat(ByteSize.parse(text)).as(text).isEqualTo(3L << shift);
    }
  }

  @Test
  void modesShowSetuidSetgidAndSticky() {
    assertThat(FileMode.ls(EntryType.REG, 0644)).isEqualTo("-rw-r--r--");
    assertThat(FileMode.ls(EntryType.REG, 04755)).isEqualTo("-rwsr-xr-x");
    assertThat(FileMode.ls(EntryType.REG, 02755)).isEqualTo("-rwxr-sr-x");
    assertThat(FileMode.ls(EntryType.DIR, 01777)).isEqualTo("drwxrwxrwt");
    assertThat(FileMode.ls(EntryType.DIR, 01776)).isEqualTo("drwxrwxrwT");
    assertThat(FileMode.ls(EntryType.REG, 06644)).isEqualTo("-rwSr-Sr--");
    assertThat(FileMode.ls(EntryType.REG, 07777)).isEqualTo("-rwsrwsrwt");
    assertThat(FileMode.ls(EntryType.REG, 0)).isEqualTo("----------");
    // File-type bits above 07777 (as in st_mode) do not leak into the permissions.
    assertThat(FileMode.ls(EntryType.REG, 0104755)).isEqualTo("-rwsr-xr-x");
  }

  @Test
  void everyEntryTypeHasItsLetter() {
    assertThat(FileMode.ls(EntryType.SYMLINK, 0777)).startsWith("l");
    assertThat(FileMode.ls(EntryType.HARDLINK, 0644)).isEqualTo("hrw-r--r--");
    assertThat(FileMode.ls(EntryType.CHAR, 0666)).startsWith("c");
    assertThat(FileMode.ls(EntryType.BLOCK, 0660)).startsWith("b");
    assertThat(FileMode.ls(EntryType.FIFO, 0644)).startsWith("p");
    assertThat(FileMode.octal(0104755)).isEqualTo("4755");
    assertThat(FileMode.octal(0755)).isEqualTo("0755");
  }

  @Test
  void shortDigestsKeepTheAlgorithmAndTwelveHexDigits() {
    Digest d = Digest.of("x".getBytes(StandardCharsets.UTF_8));
    assertThat(ShortDigest.of(d)).isEqualTo("sha256:" + d.hex().substring(0, 12)).hasSize(19);
    assertThat(ShortDigest.of(d.toString())).isEqualTo(ShortDigest.of(d));
    assertThat(ShortDigest.of("sha256:abc")).isEqualTo("sha256:abc");
    assertThat(ShortDigest.of("0123456789abcdef")).isEqualTo("0123456789ab");
    assertThat(ShortDigest.of((String) null)).isEmpty();
  }
}
