package dev.sociscope.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sociscope.app.common.Progress;
import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.model.ZtocDocument;
import dev.sociscope.core.testing.Vectors;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.ZtocReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The lazy reader (core's LazyExtractor) gives every file with the vectors' content hashes. */
class FileContentServiceTest {
  @TempDir Path temp;

  private final LocalZtocService ztocs = new LocalZtocService(ZtocReader::read, Path.of("target", "cache"));

  @ParameterizedTest
  @ValueSource(strings = {"ztoc/pax.tar.gz.span-64KiB.ztoc", "ztoc/plain.tar.span-64KiB.ztoc",
      "ztoc/multimember.tar.gz.span-64KiB.ztoc", "ztoc/gnutar-pax.tar.gz.span-1MiB.ztoc"})
  void everyRegularFileSavesWithTheVectorHash(String ztocFile) throws Exception {
    Path ztoc = Vectors.path(ztocFile);
    ZtocDocument doc = ztocs.open(ztoc, ztocs.findLayerFor(ztoc), Progress.NONE);
    assertThat(doc.layer()).as("layer found next to the zTOC").isPresent();
    JsonNode layer = layerOf(doc.layer().get().file().getFileName().toString());
    int checked = 0;
    for (JsonNode e : layer.get("entries")) {
      if (!e.get("type").asText().equals("reg")) {
        continue;
      }
      FileNode node = doc.tree().find(e.get("name").asText()).orElseThrow();
      if (node.entry().uncompressedOffset() != e.get("uncompressed_offset").asLong()) {
        continue; // replaced duplicate
      }
      Path lazy = temp.resolve("lazy-" + checked);
      AtomicLong fetched = new AtomicLong();
      new LazyFileContentService().save(doc, node, lazy, counting(fetched));
      assertThat(sha256(Files.readAllBytes(lazy))).as(node.displayPath()).isEqualTo(e.get("sha256").asText());
      if (node.hasData()) {
        // From the first span's start (the gzip header too when that is span 0) to the last span's end.
        long start = node.firstSpan() == 0 ? 0 : doc.spans().get(node.firstSpan()).compressedStart();
        long spanBytes = doc.spans().get(node.lastSpan()).compressedEnd() - start;
        assertThat(fetched.get()).as("bytes fetched for " + node.displayPath()).isBetween(1L, spanBytes + 2L * (node.lastSpan() - node.firstSpan() + 1) + 32); // little slack: shared bytes
      }
      checked++;
    }
    assertThat(checked).isPositive();
  }

  @Test
  void previewReadsOnlyTheFirstBytesAndLazyFetchesLessThanTheLayer() throws Exception {
    Path ztoc = Vectors.path("ztoc/pax.tar.gz.span-64KiB.ztoc");
    ZtocDocument doc = ztocs.open(ztoc, Optional.of(Vectors.path("layers/pax.tar.gz")), Progress.NONE);
    FileNode tail = doc.tree().find("after-big.txt").orElseThrow();
    AtomicLong fetched = new AtomicLong();
    byte[] bytes = new LazyFileContentService().read(doc, tail, 0, 10, counting(fetched)).bytes();
    assertThat(bytes).hasSize(10);
    assertThat(fetched.get()).isLessThan(doc.layerSize() / 10);
    FileNode big = doc.tree().find("big/compressible.txt").orElseThrow();
    byte[] head = new LazyFileContentService().read(doc, big, 0, 4096, Progress.NONE).bytes();
    Path whole = temp.resolve("whole");
    new LazyFileContentService().save(doc, big, whole, Progress.NONE);
    assertThat(head).isEqualTo(java.util.Arrays.copyOf(Files.readAllBytes(whole), 4096));
  }

  @Test
  void aPreviewOfALargeFileFetchesOnlyTheSpansOfItsFirstBytes() throws Exception {
    Path ztoc = Vectors.path("ztoc/pax.tar.gz.span-64KiB.ztoc");
    ZtocDocument doc = ztocs.open(ztoc, Optional.of(Vectors.path("layers/pax.tar.gz")), Progress.NONE);
    FileNode big = doc.tree().nodes().stream().filter(FileNode::hasData)
        .max(java.util.Comparator.comparingInt(n -> n.lastSpan() - n.firstSpan())).orElseThrow();
    assertThat(big.lastSpan() - big.firstSpan()).as("spans of " + big.displayPath()).isGreaterThan(4);
    AtomicLong previewFetched = new AtomicLong();
    byte[] head = new LazyFileContentService().read(doc, big, 0, 4096, counting(previewFetched)).bytes();
    AtomicLong wholeFetched = new AtomicLong();
    Path whole = temp.resolve("whole-big");
    new LazyFileContentService().save(doc, big, whole, counting(wholeFetched));
    assertThat(head).isEqualTo(java.util.Arrays.copyOf(Files.readAllBytes(whole), 4096));
    // The first 4 KiB lie in at most two spans; the whole file needs all of its spans.
    long start = big.firstSpan() == 0 ? 0 : doc.spans().get(big.firstSpan()).compressedStart();
    long twoSpans = doc.spans().get(big.firstSpan() + 1).compressedEnd() - start;
    assertThat(previewFetched.get()).isLessThanOrEqualTo(twoSpans + 64).isLessThan(wholeFetched.get() / 2);
  }

  @Test
  void noLayerAndNonFilesAreClearErrors() throws Exception {
    Path ztoc = Vectors.path("ztoc/pax.tar.gz.span-64KiB.ztoc");
    ZtocDocument doc = ztocs.open(ztoc, Optional.empty(), Progress.NONE);
    FileNode tiny = doc.tree().find("etc/tiny.txt").orElseThrow();
    assertThatThrownBy(() -> new LazyFileContentService().read(doc, tiny, 0, 10, Progress.NONE))
        .hasMessageContaining("no layer file is attached");
    FileNode dir = doc.tree().find("etc").orElseThrow();
    assertThat(dir.type()).isEqualTo(EntryType.DIR);
    assertThatThrownBy(() -> new LazyFileContentService().read(doc, dir, 0, 10, Progress.NONE))
        .hasMessageContaining("/etc is not a regular file");
  }

  @Test
  void findsLayerNextToUpstreamStyleZtocNames() {
    assertThat(ztocs.findLayerFor(Vectors.path("ztoc/plain.tar.span-4MiB.ztoc")))
        .contains(Vectors.path("layers/plain.tar"));
    assertThat(ztocs.findLayerFor(temp.resolve("nothing.ztoc"))).isEmpty();
  }

  @Test
  void demoOpensFromTheBundledResources() throws Exception {
    ZtocDocument doc = new LocalZtocService(ZtocReader::read, temp).openDemo(Progress.NONE);
    assertThat(doc.layer()).isPresent();
    assertThat(doc.tree().find("sub/deeper/small.txt")).isPresent();
    assertThat(doc.spans()).hasSizeGreaterThan(1);
  }

  private static Progress counting(AtomicLong fetched) {
    return new Progress() {
      @Override
      public void update(long done, long total) {}

      @Override
      public void message(String text) {}

      @Override
      public void transferred(long bytes) {
        fetched.set(bytes);
      }

      @Override
      public boolean isCancelled() {
        return false;
      }
    };
  }

  private static JsonNode layerOf(String file) {
    for (JsonNode l : Vectors.manifest().get("layers")) {
      if (l.get("name").asText().equals(file)) {
        return l;
      }
    }
    throw new AssertionError(file);
  }

  private static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

}
