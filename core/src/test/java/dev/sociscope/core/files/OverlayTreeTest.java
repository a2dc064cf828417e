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
    TreeMap<String, FileEntry> tree = new TreeMap<>();
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
  void anOpaqueDirectoryHidesEverythingBelowItFromLowerLayers() {
    TreeMap<String, FileEntry> tree = layers(List.of(
        List.of(entry("app/old", EntryType.REG), entry("app/keep/x", EntryType.REG), entry("other", EntryType.REG)),
        List.of(entry("app/.wh..wh..opq", EntryType.REG), entry("app/new", EntryType.REG))));
    assertThat(tree.keySet()).containsExactly("app", "app/new", "other");
  }

  @Test
  void aFileReplacingADirectoryHidesItsContentsAndParentsAreSynthesised() throws Exception {
    TreeMap<String, FileEntry> tree = layers(List.of(
        List.of(entry("srv/data/x", EntryType.REG)),
        List.of(entry("srv/data", EntryType.REG))));
    assertThat(tree.keySet()).containsExactly("srv", "srv/data");
    assertThat(tree.get("srv").layer()).isEqualTo(-1); // implicit directory
    assertThat(OverlayTree.list(tree, "/srv/")).extracting(FileEntry::path).containsExactly("srv/data");
    assertThatThrownBy(() -> OverlayTree.list(tree, "nope")).isInstanceOf(FileNotFoundException.class);
    assertThat(OverlayTree.hides("a/.wh.b", "a/b/c")).isTrue();
    assertThat(OverlayTree.hides("a/.wh.b", "a/bc")).isFalse();
  }
}
