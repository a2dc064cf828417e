package dev.sociscope.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.tar.TarPaths;
import dev.sociscope.core.testing.RandomCases;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.lookup.NameLookup;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The top-down lookup of one path gives exactly what the merged tree holds there, for layer stacks full of
 * whiteouts, opaque directories, files replacing directories (in lower and in the same layer), duplicates and
 * paths that clean to the same name.
 */
class TopDownLookupTest {
  private static FileMetadata entry(String name, EntryType type) {
    return new FileMetadata(name, type, 0, 0, "", 0644, 0, 0, "", "", "", 0, 0, List.of());
  }

  /** The merged tree's own (not implicit) entry at p, as "layer:name", or null. */
  private static String merged(List<List<FileMetadata>> layers, String p) {
    ImageTree tree = new ImageTree();
    for (int i = 0; i < layers.size(); i++) {
      OverlayTree.apply(tree, layers.get(i), i, Digest.of(new byte[] {(byte) i}));
    }
    FileEntry e = tree.get(p);
    return e == null || e.layer() < 0 ? null : e.layer() + ":" + System.identityHashCode(e.metadata());
  }

  /** The same answer found top-down, opening layers only until one decides; counts the layers opened. */
  private static String topDown(List<List<FileMetadata>> layers, String p, int[] opened) {
    if (!TopDownLookup.mayExist(p)) {
      return null;
    }
    for (int i = layers.size() - 1; i >= 0; i--) {
      opened[0]++;
      TopDownLookup.Verdict v = TopDownLookup.verdict(NameLookup.of(layers.get(i)), p);
      if (v.decided()) {
        return v.entry() == null ? null : i + ":" + System.identityHashCode(v.entry().metadata());
      }
    }
    return null;
  }

  private static String agreeing(List<List<FileMetadata>> layers, String p) {
    String expected = merged(layers, p);
    assertThat(topDown(layers, p, new int[1])).as("'%s' in %s", p, layers).isEqualTo(expected);
    return expected;
  }

  @Test
  void whiteoutsOpaqueDirectoriesAndReplacedParentsDecideAsTheMergedTree() {
    FileMetadata lowA = entry("etc/a", EntryType.REG);
    FileMetadata upA = entry("etc/a", EntryType.REG);
    List<List<FileMetadata>> layers = List.of(
        List.of(entry("etc/", EntryType.DIR), lowA, entry("etc/sub/b", EntryType.REG), entry("app/x", EntryType.REG),
            entry("srv/data/x", EntryType.REG), entry("keep/y", EntryType.REG), entry("lnk/f", EntryType.REG)),
        List.of(entry("etc/.wh.sub", EntryType.REG), entry("app/.wh..wh..opq", EntryType.REG),
            entry("srv/data", EntryType.REG), entry("lnk", EntryType.SYMLINK)),
        List.of(upA, entry("later/f", EntryType.REG), entry("later", EntryType.REG)));
    assertThat(agreeing(layers, "etc/a")).startsWith("2:");
    assertThat(agreeing(layers, "etc/sub/b")).isNull();
    assertThat(agreeing(layers, "app/x")).isNull();
    assertThat(agreeing(layers, "srv/data/x")).isNull(); // a file replaced its directory
    assertThat(agreeing(layers, "lnk/f")).isNull(); // so did a symlink: paths below it are gone, not followed
    assertThat(agreeing(layers, "keep/y")).startsWith("0:");
    assertThat(agreeing(layers, "later/f")).isNull(); // replaced later in its own layer
    assertThat(agreeing(layers, "later")).startsWith("2:");
    assertThat(agreeing(layers, "etc/.wh.sub")).isNull(); // markers are never files of the tree
    int[] opened = new int[1];
    topDown(layers, "etc/a", opened);
    assertThat(opened[0]).isEqualTo(1); // the top layer decided: nothing below was opened
  }

  @Test
  void aWhiteoutOfTheRootClearsEverythingBelowAsTheMergedTreeDoes() {
    List<List<FileMetadata>> layers = List.of(List.of(entry("a/b", EntryType.REG)),
        List.of(entry(".wh.", EntryType.REG), entry("c", EntryType.REG)));
    assertThat(agreeing(layers, "a/b")).isNull();
    assertThat(agreeing(layers, "c")).startsWith("1:");
  }

  @Test
  void randomLayerStacksAgreeWithTheMergedTreeOnEveryPath() {
    String[] parts = {"a", "b", "c", ".wh.a", ".wh.b", ".wh..wh..opq", ".wh.", ".wh..opq", "."};
    EntryType[] types = {EntryType.DIR, EntryType.DIR, EntryType.REG, EntryType.SYMLINK, EntryType.HARDLINK};
    RandomCases.run("top-down lookup agrees with the merged tree", 2000, random -> {
      List<List<FileMetadata>> layers = new ArrayList<>();
      Set<String> queries = new LinkedHashSet<>(List.of("a", "b", "a/b", "a/b/c", "c/a/b"));
      for (int l = 0, count = 1 + random.nextInt(4); l < count; l++) {
        List<FileMetadata> layer = new ArrayList<>();
        for (int i = 0, n = random.nextInt(8); i < n; i++) {
          StringBuilder name = new StringBuilder(random.nextInt(4) == 0 ? "./" : "");
          for (int k = 0, depth = 1 + random.nextInt(3); k < depth; k++) {
            name.append(k > 0 ? "/" : "").append(parts[random.nextInt(parts.length)]);
          }
          FileMetadata f = entry(name.toString(), types[random.nextInt(types.length)]);
          layer.add(f);
          String p = TarPaths.normalize(f.name());
          queries.add(p);
          for (int slash = p.indexOf('/'); slash >= 0; slash = p.indexOf('/', slash + 1)) {
            queries.add(p.substring(0, slash));
          }
          queries.add(p.replace(".wh.", "")); // the victims of whiteouts
          queries.add(p.replace(".wh..wh..opq", "x"));
        }
        layers.add(layer);
      }
      for (String q : queries) {
        agreeing(layers, TarPaths.normalize(q));
      }
    });
  }
}
