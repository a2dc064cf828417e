package dev.sociscope.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.ztoc.Checkpoint;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.GzipZinfo;
import dev.sociscope.core.ztoc.Zinfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SpanMap}: compressed files count one to one and the rest shares what is left; without entries, or when the
 * split cannot fit the span, offsets are spread evenly.
 */
class SpanMapTest {
  /** One span: 3,000,000 bytes of tar in 1,000,000 compressed. */
  private static final Zinfo ONE_SPAN = new GzipZinfo(4 << 20,
      List.of(new Checkpoint(0, 0, 0, new byte[Checkpoint.WINDOW_SIZE])), 1_000_000, 3_000_000);

  @Test
  void aCompressedFileCountsOneToOneAndTheRestSharesWhatIsLeft() {
    List<FileMetadata> entries = List.of(file("doc/a.txt", 0, 1_000_000), file("doc/b.gz", 1_000_000, 500_000),
        file("doc/c.txt", 1_500_000, 1_500_000));
    SpanMap map = SpanMap.of(ONE_SPAN, 0, entries);
    // 500,000 stored bytes leave 500,000 compressed bytes for 2,500,000 others: 0.2 each
    assertThat(map.compressedAt(1_000_000)).isEqualTo(200_000);
    assertThat(map.compressedAt(1_250_000)).isEqualTo(450_000);
    assertThat(map.compressedAt(1_500_000)).isEqualTo(700_000);
    assertThat(map.compressedAt(3_000_000)).isEqualTo(1_000_000);
  }

  @Test
  void withoutEntriesOrWithASplitThatCannotFitOffsetsAreSpreadEvenly() {
    assertThat(SpanMap.of(ONE_SPAN, 0, null).compressedAt(1_500_000)).isEqualTo(500_000);
    // 1,200,000 "compressed" bytes cannot fit in 1,000,000: the names lied, so they are not believed
    List<FileMetadata> liars = List.of(file("a.png", 0, 1_200_000), file("b.txt", 1_200_000, 1_800_000));
    assertThat(SpanMap.of(ONE_SPAN, 0, liars).compressedAt(1_500_000)).isEqualTo(500_000);
  }

  @Test
  void namesTellCompressedFilesByTheirLastExtension() {
    assertThat(SpanMap.compressedAlready("usr/share/doc/x/changelog.Debian.gz")).isTrue();
    assertThat(SpanMap.compressedAlready("a/B.PNG")).isTrue();
    assertThat(SpanMap.compressedAlready("a/readme.txt")).isFalse();
    assertThat(SpanMap.compressedAlready("a.gz/readme")).isFalse();
    assertThat(SpanMap.compressedAlready("a/gz")).isFalse();
  }

  private static FileMetadata file(String name, long offset, long size) {
    return new FileMetadata(name, EntryType.REG, offset, size, "", 0644, 0, 0, "", "", "", 0, 0, List.of());
  }
}
