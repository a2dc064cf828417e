package dev.sociscope.core.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.build.ZtocBuilder;
import dev.sociscope.core.testing.HostileInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Sizes read from tar headers and PAX records are range-checked (issue 14, finding 4): a size no stream can hold is
 * refused before it wraps the offset arithmetic (which returned wrong bytes and built an invalid zTOC), and a
 * stream that ends inside an entry is a typed, one-line error.
 */
class TarNumberRangeTest {
  private static final String INPUTS = "/dev/sociscope/core/tar/TarFuzzTestInputs/tarHeaders/";

  @Test
  void paxSizeOfLongMaxIsRefusedBeforeItWrapsTheOffsets() throws IOException {
    TarReader reader = new TarReader(new ByteArrayInputStream(resource("pax-size-overflow.tar")));

    assertThatThrownBy(reader::next)
        .isInstanceOf(TarFormatException.class)
        .hasMessage("tar entry 'huge.bin' at offset 1024 declares a size of 9223372036854775807 bytes, past the"
            + " largest possible tar stream");
  }

  @Test
  void noZtocIsBuiltFromAnOverflowingPaxSize() {
    ZtocBuilder builder = new ZtocBuilder(ZtocBuilder.Options.defaults());

    assertThatThrownBy(() -> builder.build(new ByteArrayInputStream(resource("pax-size-overflow.tar"))))
        .isInstanceOf(TarFormatException.class)
        .hasMessageContaining("9223372036854775807");
  }

  @Test
  void aBase256SizeLargerThanTheStreamEndsInATypedTruncationError() throws IOException {
    byte[] tar = resource("ustar-basic.tar");
    // Entry 2 (dir/file.txt) is the second header block; give it a base-256 size of 2^62.
    byte[] size = new byte[12];
    size[0] = (byte) 0x80;
    size[4] = 0x40;
    byte[] patched = withField(tar, 512, 124, size);
    TarReader reader = new TarReader(new ByteArrayInputStream(patched));
    reader.next();
    reader.next();

    assertThatThrownBy(reader::next)
        .isInstanceOf(TarFormatException.class)
        .hasMessageStartingWith("tar stream ends inside the data of entry 'dir/file.txt'")
        .satisfies(e -> HostileInput.checkMessage((TarFormatException) e));
  }

  @Test
  void aStreamEndingInsideAnEntryOrItsExtensionHeaderIsTyped() throws IOException {
    byte[] tar = resource("ustar-basic.tar");
    TarReader cut = new TarReader(new ByteArrayInputStream(Arrays.copyOf(tar, 512 * 2 + 5)));
    cut.next();
    cut.next();
    assertThatThrownBy(cut::next).isInstanceOf(TarFormatException.class)
        .hasMessageContaining("ends inside the data of entry 'dir/file.txt'");

    byte[] pax = resource("pax-longpath-xattr.tar");
    TarReader cutPax = new TarReader(new ByteArrayInputStream(Arrays.copyOf(pax, 512 + 100)));
    assertThatThrownBy(cutPax::next).isInstanceOf(TarFormatException.class)
        .hasMessageContaining("ends inside the extension header");
  }

  @Test
  void anEmptyLayerIsRefusedRatherThanIndexedAsAZtocThatDoesNotReadBack() {
    ZtocBuilder builder = new ZtocBuilder(ZtocBuilder.Options.defaults());

    assertThatThrownBy(() -> builder.build(new ByteArrayInputStream(new byte[0])))
        .isInstanceOf(TarFormatException.class)
        .hasMessage("the layer is empty (0 bytes): there is nothing to index");
  }

  @Test
  void theSeedArchivesStillIndex() throws IOException {
    for (String name : new String[] {"ustar-basic.tar", "gnu-longname-longlink.tar", "pax-longpath-xattr.tar",
        "gnutar-posix.tar", "no-end-marker.tar"}) {
      TarReader reader = new TarReader(new ByteArrayInputStream(resource(name)));
      int entries = 0;
      while (reader.next() != null) {
        entries++;
      }
      assertThat(entries).as(name).isPositive();
    }
  }

  /** {@code tar} with {@code value} written at {@code field} of the header block at {@code header}, checksum fixed. */
  static byte[] withField(byte[] tar, int header, int field, byte[] value) {
    byte[] out = tar.clone();
    System.arraycopy(value, 0, out, header + field, value.length);
    Arrays.fill(out, header + 148, header + 156, (byte) ' ');
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += out[header + i] & 0xFF;
    }
    byte[] octal = String.format("%06o\0 ", sum).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    System.arraycopy(octal, 0, out, header + 148, 8);
    return out;
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = TarNumberRangeTest.class.getResourceAsStream(INPUTS + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + INPUTS + name);
      }
      return in.readAllBytes();
    }
  }
}
