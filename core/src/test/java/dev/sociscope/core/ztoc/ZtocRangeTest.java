package dev.sociscope.core.ztoc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.testing.HostileInput;
import dev.sociscope.core.testing.Vectors;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sizes and offsets in a zTOC are range-checked against what contains them (issue 14, finding 4): an entry's data
 * against the archive and, for a tar layer, the blob its TarZinfo spans. Before, a TarZinfo smaller than its
 * entries read fine and a later span lookup failed with a raw {@code Index: 16 Size: 2}.
 */
class ZtocRangeTest {

  @Test
  void aTarZinfoSmallerThanItsEntriesIsRefusedOnRead() throws Exception {
    Ztoc plain = ZtocReader.read(Vectors.bytes("ztoc/plain.tar.span-64KiB.ztoc"));
    long twoSpans = 2 * 65536;
    // Consistent with itself (2 spans, 2 digests, blob size = compressed_archive_size), but the entries go on to
    // 2.2 MB: span 16 and later do not exist.
    CompressionInfo info = new CompressionInfo(CompressionAlgorithm.UNCOMPRESSED, 1,
        plain.compressionInfo().spanDigests().subList(0, 2),
        TarZinfo.of(65536, twoSpans, plain.uncompressedArchiveSize()).encode());
    Ztoc hostile = new Ztoc(plain.version(), plain.buildToolIdentifier(), twoSpans,
        plain.uncompressedArchiveSize(), plain.files(), info);

    assertThatThrownBy(() -> ZtocReader.read(ZtocWriter.write(hostile)))
        .isInstanceOf(ZtocFormatException.class)
        .hasMessageMatching("invalid toc entry \\d+ '[^']+': its data ends at \\d+, past the end of the 131072-byte"
            + " tar blob")
        .satisfies(e -> HostileInput.checkMessage((ZtocFormatException) e));
  }

  @Test
  void aTarZinfoWhoseSizeIsNotTheBlobsIsRefused() throws Exception {
    Ztoc plain = ZtocReader.read(Vectors.bytes("ztoc/plain.tar.span-4MiB.ztoc"));
    Ztoc hostile = new Ztoc(plain.version(), plain.buildToolIdentifier(), plain.compressedArchiveSize() - 3,
        plain.uncompressedArchiveSize(), plain.files(), plain.compressionInfo());

    assertThatThrownBy(() -> ZtocReader.read(ZtocWriter.write(hostile)))
        .isInstanceOf(ZtocFormatException.class)
        .hasMessage("TarZinfo size 2232320 differs from compressed_archive_size 2232317 (both are the tar blob's"
            + " size)");
  }

  @Test
  void anEntryPastTheUncompressedArchiveIsRefused() throws Exception {
    Ztoc gz = ZtocReader.read(Vectors.bytes("ztoc/gnu-fname.tar.gz.span-1MiB.ztoc"));
    FileMetadata last = gz.files().get(gz.files().size() - 1);
    Ztoc hostile = new Ztoc(gz.version(), gz.buildToolIdentifier(), gz.compressedArchiveSize(),
        last.uncompressedOffset() + 1, gz.files(), gz.compressionInfo());

    assertThatThrownBy(() -> ZtocReader.read(ZtocWriter.write(hostile)))
        .isInstanceOf(ZtocFormatException.class)
        .hasMessageContaining("past uncompressed_archive_size " + (last.uncompressedOffset() + 1));
  }

  @Test
  void everyGoldenZtocStillReadsAndMapsEachFileToExistingSpans() throws Exception {
    for (String name : List.of("plain.tar.span-64KiB.ztoc", "plain.tar.span-1MiB.ztoc", "plain.tar.span-4MiB.ztoc",
        "gnu-fname.tar.gz.span-64KiB.ztoc", "multimember-3-with-empty.tar.gz.span-64KiB.ztoc",
        "pax.tar.gz.span-1MiB.ztoc", "gnutar-pax.tar.gz.span-64KiB.ztoc")) {
      ZtocReader.Parsed parsed = ZtocReader.readWithZinfo(Vectors.bytes("ztoc/" + name));
      ZtocGeometry.check(parsed.ztoc(), parsed.zinfo());
      assertThat(parsed.ztoc().files()).as(name).isNotEmpty();
    }
  }
}
