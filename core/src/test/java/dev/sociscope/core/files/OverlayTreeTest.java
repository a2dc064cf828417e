package dev.sociscope.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import java.io.FileNotFoundException;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OverlayTreeTest {
  private static FileMetadata entry(String name, EntryType type) {
    return new FileMetadata(name, type, 0, 0, "", 0644, 0, 0, "", "", "", 0, 0, List.of());
  }

  private static TreeMap<String, FileEntry> layers(List<List<FileMetadata>> layers) {
    TreeMap<String, FileEntry> tree = new ImageTree();
    for (int i = 0; i < layers.size(); i++) {
      OverlayTree.apply(tree, layers.get(i), i, Digest.of(new byte[] {(byte) i}));
    }
    return tree;
  }

  @Test
  void whiteoutsHideLowerPathsAndTheirChildrenButNotTheirOwnLayer() {
    TreeMap<String, FileEntry> tree = layers(List.of(
        List.of(entry("etc/", EntryType.DIR), entry("etc/a", EntryType.REG), entry("etc/sub/b", EntryType.REG)),
        List.of(entry("etc/.wh.sub", EntryType.REG), entry("etc/.wh.a", EntryType.REG), entry("etc/a", EntryType.REG))));
    assertThat(tree.keySet()).containsExactly("etc", "etc/a");
    assertThat(tree.get("etc/a").layer()).isEqualTo(1);
  }

  @Test
  void anOpaqueDirectoryHidesEverythingBelowItFromLowerLayers() throws Exception {
    TreeMap<String, FileEntry> tree = layers(List.of(
        List.of(entry("app/old", EntryType.REG), entry("app/keep/x", EntryType.REG), entry("other", EntryType.REG)),
        List.of(entry("app/.wh..wh..opq", EntryType.REG), entry("app/new", EntryType.REG))));
    assertThat(tree.keySet()).containsExactly("app/new", "other"); // "app" is implicit: answered, not stored
    assertThat(tree.get("app").isDirectory()).isTrue();
    assertThat(OverlayTree.list(tree, "/")).extracting(FileEntry::path).containsExactly("app", "other");
  }

  @Test
  void aFileReplacingADirectoryHidesItsContentsAndParentsAreSynthesised() throws Exception {
    TreeMap<String, FileEntry> tree = layers(List.of(
        List.of(entry("srv/data/x", EntryType.REG)),
        List.of(entry("srv/data", EntryType.REG))));
    assertThat(tree.keySet()).containsExactly("srv/data");
    assertThat(tree.get("srv").layer()).isEqualTo(-1); // implicit directory
    assertThat(tree.containsKey("srv")).isTrue();
    assertThat(tree.containsKey("sr")).isFalse();
    assertThat(OverlayTree.list(tree, "/srv/")).extracting(FileEntry::path).containsExactly("srv/data");
    assertThatThrownBy(() -> OverlayTree.list(tree, "nope")).isInstanceOf(FileNotFoundException.class);
  }

  @Test
  void aPathThousandsOfLevelsDeepIsStoredOnceAndWalkedWithoutRecursion() throws Exception {
    String deep = String.join("/", java.util.Collections.nCopies(5000, "level-of-a-deep-tree")) + "/file";
    TreeMap<String, FileEntry> tree = layers(List.of(List.of(entry("top", EntryType.REG), entry(deep, EntryType.REG),
        entry("level-of-a-deep-tree/level-of-a-deep-tree/.wh.gone", EntryType.REG))));
    assertThat(tree).hasSize(2); // no stored parent: 5000 of them would hold ~250 MB of path text
    assertThat(OverlayTree.list(tree, "/")).extracting(FileEntry::path).containsExactly("level-of-a-deep-tree", "top");
    String parent = deep.substring(0, deep.lastIndexOf('/'));
    assertThat(OverlayTree.list(tree, parent)).extracting(FileEntry::name).containsExactly("file");
    long[] walked = {0, 0};
    OverlayTree.walk(tree, "/", e -> {
      walked[0]++;
      walked[1] += e.isDirectory() ? 1 : 0;
    });
    assertThat(walked).containsExactly(5002, 5000);
    assertThat(tree.get(parent).isDirectory()).isTrue();
  }

  @Test
  void walkPassesEachImplicitParentOnceInPathOrder() throws Exception {
    TreeMap<String, FileEntry> tree = layers(List.of(List.of(entry("a", EntryType.DIR), entry("a-x", EntryType.REG),
        entry("a/b/c", EntryType.REG), entry("a/b/d", EntryType.REG), entry("a/bx/e", EntryType.REG),
        entry("z/y/x", EntryType.REG))));
    List<String> seen = new java.util.ArrayList<>();
    OverlayTree.walk(tree, "", e -> seen.add(e.path()));
    assertThat(seen).containsExactly("a", "a-x", "a/b", "a/b/c", "a/b/d", "a/bx", "a/bx/e", "z", "z/y", "z/y/x");
    seen.clear();
    OverlayTree.walk(tree, "/a/b", e -> seen.add(e.path()));
    assertThat(seen).containsExactly("a/b", "a/b/c", "a/b/d");
  }
}
