package dev.sociscope.core.ztoc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.testing.RandomCases;
import dev.sociscope.core.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawTextTest {

  @Test
  void anyBytesSurviveDecodeAndEncode() {
    RandomCases.run("any bytes survive decode and encode", 2000, random -> {
      byte[] bytes = RandomCases.bytes(random, 255);
      assertThat(RawText.encode(RawText.decode(bytes))).isEqualTo(bytes);
    });
  }

  @Test
  void validUtf8DecodesAsUsual() {
    RandomCases.run("valid UTF-8 decodes as usual", 2000, random -> {
      String text = RandomCases.string(random, 255);
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      String expected = new String(utf8, StandardCharsets.UTF_8); // lone surrogates in text became '?'
      assertThat(RawText.decode(utf8)).isEqualTo(expected);
      assertThat(RawText.hasRawBytes(expected)).isFalse();
    });
  }

  @Test
  void invalidBytesBecomeEscapes() {
    byte[] latin1Name = {'c', 'a', 'f', (byte) 0xe9}; // "café" in Latin-1, not UTF-8
    String s = RawText.decode(latin1Name);
    assertThat(s).isEqualTo("caf\udce9");
    assertThat(RawText.hasRawBytes(s)).isTrue();
    assertThat(RawText.encode(s)).isEqualTo(latin1Name);
    // overlong encodings and encoded surrogates are not valid UTF-8 (as in Go)
    assertThat(RawText.decode(new byte[] {(byte) 0xc0, (byte) 0xaf})).isEqualTo("\udcc0\udcaf");
    assertThat(RawText.decode(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})).isEqualTo("\udced\udca0\udc80");
  }

  @Test
  void nonUtf8NamesAndValuesAreWrittenAsRawBytes() throws Exception {
    Ztoc z = ZtocReader.read(Vectors.bytes("ztoc/plain.tar.span-64KiB.ztoc"));
    FileMetadata f = z.files().get(0);
    byte[] rawName = {'d', 'i', 'r', '/', (byte) 0xff, (byte) 0xfe, 'x'};
    byte[] rawValue = {0, (byte) 0x80, 1};
    FileMetadata renamed = new FileMetadata(RawText.decode(rawName), f.type(), f.uncompressedOffset(),
        f.uncompressedSize(), f.linkname(), f.mode(), f.uid(), f.gid(), f.uname(), f.gname(), f.modTime(),
        f.devmajor(), f.devminor(), List.of(new PaxRecord("SCHILY.xattr.user.bin", rawValue)));
    List<FileMetadata> files = new java.util.ArrayList<>(z.files());
    files.set(0, renamed);
    Ztoc changed = new Ztoc(z.version(), z.buildToolIdentifier(), z.compressedArchiveSize(),
        z.uncompressedArchiveSize(), files, z.compressionInfo());
    byte[] written = ZtocWriter.write(changed);
    assertThat(indexOf(written, rawName)).isPositive();
    Ztoc back = ZtocReader.read(written);
    assertThat(RawText.encode(back.files().get(0).name())).isEqualTo(rawName);
    assertThat(back.files().get(0).paxRecords().get(0).value()).isEqualTo(rawValue);
    assertThat(back).isEqualTo(changed);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
