package dev.sociscope.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sociscope.app.testing.SyntheticZtoc;
import dev.sociscope.core.testing.Vectors;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.ZtocReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class FileTreeTest {

  static List<Vectors.ZtocVector> vectors() {
    return Vectors.ztocs();
  }

  /**
   * Every regular file's span range matches the reference's, except that the reference reads up to the span of the
   * exclusive end: a file ending exactly on a span boundary pulls in one more span there, which the tree (like
   * core's LazyExtractor) does not count as needed.
   */
  @ParameterizedTest
  @MethodSource("vectors")
  void spansOfEachFileMatchTheVectors(Vectors.ZtocVector v) throws Exception {
    Ztoc ztoc = ZtocReader.read(Vectors.bytes(v.ztocFile()));
    Zinfo zinfo = Zinfo.of(ztoc);
    FileTree tree = FileTree.build(ztoc, zinfo);
    JsonNode layer = layer(v.layerName());
    int checked = 0;
    for (JsonNode e : layer.get("entries")) {
      if (!e.get("type").asText().equals("reg") || e.get("uncompressed_size").asLong() == 0) {
        continue;
      }
      Optional<FileNode> node = tree.find(e.get("name").asText());
      assertThat(node).as(e.get("name").asText()).isPresent();
      if (node.get().entry().uncompressedOffset() != e.get("uncompressed_offset").asLong()) {
        continue; // a duplicate name: the tree shows the later entry
      }
      JsonNode spans = e.get("spans").get(Long.toString(v.spanSize()));
      assertThat(node.get().firstSpan()).as(e.get("name").asText()).isEqualTo(spans.get(0).asInt());
      int referenceLast = spans.get(1).asInt();
      long end = e.get("uncompressed_offset").asLong() + e.get("uncompressed_size").asLong();
      int expectedLast = zinfo.uncompressedStart(referenceLast) == end ? referenceLast - 1 : referenceLast;
      assertThat(node.get().lastSpan()).as(e.get("name").asText()).isEqualTo(expectedLast);
      checked++;
    }
    assertThat(checked).isPositive();
  }

  private static JsonNode layer(String name) {
    for (JsonNode l : Vectors.manifest().get("layers")) {
      if (l.get("name").asText().equals(name)) {
        return l;
      }
    }
    throw new AssertionError(name);
  }

  @Test
  void impliedFoldersDuplicatesAndDotSlashNames() throws Exception {
    Ztoc ztoc = ZtocReader.read(Vectors.bytes("ztoc/pax.tar.gz.span-64KiB.ztoc"));
    FileTree tree = FileTree.build(ztoc, Zinfo.of(ztoc));
    // "long/" has no entry of its own: the tar only holds "long/ddd.../".
    FileNode longDir = tree.find("long").orElseThrow();
    assertThat(longDir.isImplied()).isTrue();
    assertThat(longDir.isDirectory()).isTrue();
    // "./tricky/dot-slash-prefixed" lands in the same folder as "tricky/...".
    assertThat(tree.find("tricky").orElseThrow().children()).extracting(FileNode::name)
        .contains("dot-slash-prefixed");
    // dup/same-name.txt appears twice; the later (34 bytes) wins.
    assertThat(tree.find("dup/same-name.txt").orElseThrow().size()).isEqualTo(34);
    assertThat(tree.replacedEntries()).isEqualTo(1);
    // Folders first, then names.
    assertThat(tree.root().children().get(tree.root().children().size() - 1).name()).isEqualTo("after-big.txt");
    assertThat(tree.find("big").orElseThrow().size()).isEqualTo(3145851L + 3150295L);
  }

  @Test
  void linksResolveToTheFileHoldingTheContent() throws Exception {
    Ztoc ztoc = ZtocReader.read(Vectors.bytes("ztoc/pax.tar.gz.span-64KiB.ztoc"));
    FileTree tree = FileTree.build(ztoc, Zinfo.of(ztoc));
    FileNode tiny = tree.find("etc/tiny.txt").orElseThrow();
    assertThat(tree.resolve(tree.find("links/hard").orElseThrow())).contains(tiny);
    assertThat(tree.resolve(tree.find("links/sym-rel").orElseThrow())).contains(tiny);
    assertThat(tree.resolve(tree.find("links/sym-abs").orElseThrow())).contains(tiny);
    // A relative symlink "etc/tiny.txt" inside links/ points to links/etc/tiny.txt, which does not exist.
    assertThat(tree.resolve(tree.find("links/sym-entryname").orElseThrow())).isEmpty();
  }

  @Test
  void hundredThousandEntriesBuildIntoOneTree() {
    Ztoc ztoc = SyntheticZtoc.wide(100_000, 1 << 20);
    long start = System.nanoTime();
    FileTree tree = FileTree.build(ztoc, null);
    long ms = (System.nanoTime() - start) / 1_000_000;
    System.out.println("FileTree.build of 101,000 entries: " + ms + " ms");
    assertThat(tree.nodes()).hasSize(101_000 + 101);
    FileNode d7 = tree.find("usr/d7").orElseThrow();
    assertThat(d7.children()).hasSize(10);
    assertThat(tree.root().descendantCount()).isEqualTo(101_101);
    assertThat(tree.find("usr/d7/s3").orElseThrow().children()).allMatch(n -> n.type() == EntryType.REG);
  }

  @Test
  void normalizeDropsDotsAndSlashes() {
    assertThat(FileTree.normalize("./a//b/")).isEqualTo("a/b");
    assertThat(FileTree.normalize("/")).isEmpty();
    assertThat(FileTree.normalize("./")).isEmpty();
  }
}
