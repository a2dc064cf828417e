package dev.sociscope.core.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

class TarReaderTest {
  static byte[] tarOf(String... names) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bos)) {
      for (String n : names) {
        TarArchiveEntry e = new TarArchiveEntry(n);
        byte[] data = n.getBytes(StandardCharsets.UTF_8);
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
      }
    }
    return bos.toByteArray();
  }

  /** Sets the type flag of the header at {@code off} and fixes its checksum. */
  static void retype(byte[] tar, int off, char type) {
    tar[off + 156] = (byte) type;
    Arrays.fill(tar, off + 148, off + 156, (byte) ' ');
    int sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += tar[off + i] & 0xFF;
    }
    byte[] field = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(field, 0, tar, off + 148, 8);
  }

  static int count(byte[] tar) throws IOException {
    TarReader r = new TarReader(new ByteArrayInputStream(tar));
    int n = 0;
    while (r.next() != null) {
      n++;
    }
    return n;
  }

  @Test
  void readsEntriesWithDataOffsets() throws IOException {
    byte[] tar = tarOf("a.txt", "b/c.txt");
    TarReader r = new TarReader(new ByteArrayInputStream(tar));
    TarEntry a = r.next();
    TarEntry c = r.next();
    assertThat(r.next()).isNull();
    assertThat(a.headerOffset()).isZero();
    assertThat(a.metadata().uncompressedOffset()).isEqualTo(512);
    assertThat(a.metadata().uncompressedSize()).isEqualTo(5);
    assertThat(c.headerOffset()).isEqualTo(1024);
    assertThat(c.metadata().name()).isEqualTo("b/c.txt");
  }

  @Test
  void gnuSparseAndContiguousEntriesAreRefusedByName() throws IOException {
    byte[] tar = tarOf("ok.txt", "sparse.img");
    retype(tar, 1024, 'S');
    assertThatThrownBy(() -> count(tar)).isInstanceOf(TarFormatException.class)
        .hasMessageContaining("'S'").hasMessageContaining("sparse.img");
    retype(tar, 1024, '7');
    assertThatThrownBy(() -> count(tar)).isInstanceOf(TarFormatException.class)
        .hasMessageContaining("'7'").hasMessageContaining("sparse.img");
  }

  @Test
  void corruptHeadersNameTheOffset() throws IOException {
    byte[] tar = tarOf("a.txt", "b.txt");
    tar[1024 + 3] ^= 1;
    assertThatThrownBy(() -> count(tar)).isInstanceOf(TarFormatException.class)
        .hasMessageContaining("offset 1024").hasMessageContaining("checksum").hasMessageContaining("a.txt");
    byte[] cut = Arrays.copyOf(tarOf("a.txt"), 700);
    assertThatThrownBy(() -> count(cut)).isInstanceOf(IOException.class).hasMessageContaining("ends");
  }

  @Test
  void zeroBlockFollowedByDataIsAnError() throws IOException {
    byte[] one = tarOf("a.txt");
    byte[] tar = new byte[1024 + 512 + 1024];
    System.arraycopy(one, 0, tar, 512, 1024);
    assertThatThrownBy(() -> count(tar)).isInstanceOf(TarFormatException.class)
        .hasMessageContaining("zero block followed by a non-zero block");
  }

  @Test
  void nonUtf8NamesKeepTheirRawBytes() throws IOException {
    byte[] tar = tarOf("caf_.txt");
    tar[3] = (byte) 0xE9; // Latin-1 e-acute: not valid UTF-8 on its own
    retype(tar, 0, '0');
    TarEntry e = new TarReader(new ByteArrayInputStream(tar)).next();
    assertThat(dev.sociscope.core.ztoc.RawText.encode(e.metadata().name()))
        .isEqualTo(new byte[] {'c', 'a', 'f', (byte) 0xE9, '.', 't', 'x', 't'});
  }

  @Test
  void paxTimesAreCutNotRounded() {
    assertThat(TarReader.parsePaxTime("1700000000.1234567899")).containsExactly(1700000000L, 123456789L);
    assertThat(TarReader.parsePaxTime("-1.5")).containsExactly(-1L, -500000000L);
    assertThat(TarReader.parsePaxTime("12")).containsExactly(12L, 0L);
  }
}
