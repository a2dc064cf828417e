package dev.sociscope.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.build.ZtocBuilder;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.lookup.ZtocLookup;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/**
 * How {@link MidSpanStart} places inflated output by tar headers, on output made by hand: the whole tar of a layer,
 * with chosen bytes marked as depending on the missing window (they differ between the two stand-in windows).
 */
class MidSpanAlignmentTest {
  private static final String VICTIM = "a/victim.txt";

  /** The layer: a file, a tar file holding a copy of the victim's header (other content), the victim, one more. */
  private static byte[] tar() throws IOException {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(copy)) {
      put(t, VICTIM, "DDDDDDDDDDDDDDDDDDDD");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
      put(t, "a/one.txt", "one ".repeat(300));
      put(t, "a/decoy.tar", new String(copy.toByteArray(), StandardCharsets.ISO_8859_1));
      put(t, VICTIM, "the true victim text");
      put(t, "a/after.txt", "after ".repeat(100));
    }
    return out.toByteArray();
  }

  private static void put(TarArchiveOutputStream t, String name, String content) throws IOException {
    byte[] data = content.getBytes(StandardCharsets.ISO_8859_1);
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(data.length);
    e.setModTime(1_700_000_000_000L);
    t.putArchiveEntry(e);
    t.write(data);
    t.closeArchiveEntry();
  }

  private static Ztoc ztoc(byte[] tar) throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
      g.write(tar);
    }
    return new ZtocBuilder(ZtocBuilder.Options.defaults()).build(new ByteArrayInputStream(gz.toByteArray()));
  }

  private static FileMetadata victim(Ztoc z) {
    return z.files().stream().filter(f -> f.name().equals(VICTIM)).findFirst().orElseThrow();
  }

  @Test
  void aCopyOfTheHeaderAtABlockBoundaryIsCaughtByTheHeadersAroundIt() throws Exception {
    byte[] zeros = tar();
    Ztoc z = ztoc(zeros);
    FileMetadata victim = victim(z);
    byte[] ones = zeros.clone();
    ones[(int) victim.uncompressedOffset() - 512 + 100] ^= 1; // the true header depends on the missing window
    MidSpanStart.Output out = new MidSpanStart.Output(zeros, ones, zeros.length, true);

    MidSpanStart.Alignment a = MidSpanStart.Alignment.find(out, victim, ZtocLookup.of(z, Zinfo.of(z)));

    // the copy inside a/decoy.tar is the only known header of the victim: it anchors, 512 bytes off, and every
    // other header of the layer then sits where the zTOC says it does not
    assertThat(a.anchored()).isTrue();
    assertThat(a.base()).isNotZero();
    assertThat(a.conflict()).as("the other headers disagree with the copy's place").isTrue();
  }

  @Test
  void twoKnownHeadersOfTheFileConflictAndTheTrueOneAloneIsPlacedExactly() throws Exception {
    byte[] zeros = tar();
    Ztoc z = ztoc(zeros);
    FileMetadata victim = victim(z);
    ZtocLookup toc = ZtocLookup.of(z, Zinfo.of(z));

    MidSpanStart.Alignment both = MidSpanStart.Alignment.find(
        new MidSpanStart.Output(zeros, zeros.clone(), zeros.length, true), victim, toc);
    assertThat(both.conflict()).isTrue();

    byte[] withoutCopy = zeros.clone();
    int copyAt = indexOf(zeros, VICTIM.getBytes(StandardCharsets.US_ASCII), 0);
    assertThat((long) copyAt).isLessThan(victim.uncompressedOffset() - 512);
    withoutCopy[copyAt] = 'X'; // the copy no longer names the victim
    MidSpanStart.Alignment alone = MidSpanStart.Alignment.find(
        new MidSpanStart.Output(withoutCopy, withoutCopy.clone(), withoutCopy.length, true), victim, toc);
    assertThat(alone.anchored()).isTrue();
    assertThat(alone.conflict()).isFalse();
    assertThat(alone.base()).isZero();
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    for (int i = from; i + needle.length <= hay.length; i++) {
      if (Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }
}
