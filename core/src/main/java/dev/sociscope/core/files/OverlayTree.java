package dev.sociscope.core.files;

import dev.sociscope.core.extract.LazyExtractor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import java.io.FileNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The overlay rules of image layers as a container sees them: each layer's whiteouts ({@code .wh.NAME}) and opaque
 * markers ({@code .wh..wh..opq}) remove lower-layer paths before its own entries are added; a file replacing a
 * directory hides its contents; parents without entries are synthesised. Paths are cleaned, without leading
 * {@code /}. The loops are per entry and per path level, never recursive.
 */
final class OverlayTree {
  static final String WHITEOUT = ".wh.";
  static final String OPAQUE = ".wh..wh..opq";

  private OverlayTree() {}

  /** Applies one layer's entries on top of {@code tree}. */
  static void apply(TreeMap<String, FileEntry> tree, List<FileMetadata> entries, int position, Digest digest) {
    for (FileMetadata f : entries) { // whiteouts hide lower layers only
      String path = LazyExtractor.normalize(f.name());
      String base = baseName(path);
      String parent = parentOf(path);
      if (base.equals(OPAQUE)) {
        removeChildren(tree, parent);
      } else if (base.startsWith(WHITEOUT)) {
        String victim = join(parent, base.substring(WHITEOUT.length()));
        tree.remove(victim);
        removeChildren(tree, victim);
      }
    }
    for (FileMetadata f : entries) {
      String path = LazyExtractor.normalize(f.name());
      if (path.isEmpty() || baseName(path).startsWith(WHITEOUT)) {
        continue;
      }
      FileEntry old = tree.get(path);
      if (old != null && old.isDirectory() && f.type() != EntryType.DIR) {
        removeChildren(tree, path); // a file replacing a directory hides its contents
      }
      tree.put(path, new FileEntry(path, f, position, digest));
      addParents(tree, path);
    }
  }

  /** One layer's entries as stored (whiteout files included), cleaned paths, later duplicates winning. */
  static TreeMap<String, FileEntry> layerTree(List<FileMetadata> entries, int position, Digest digest) {
    TreeMap<String, FileEntry> tree = new TreeMap<>();
    for (FileMetadata f : entries) {
      String path = LazyExtractor.normalize(f.name());
      if (!path.isEmpty()) {
        tree.put(path, new FileEntry(path, f, position, digest));
        addParents(tree, path);
      }
    }
    return tree;
  }

  static List<FileEntry> list(TreeMap<String, FileEntry> tree, String path) throws FileNotFoundException {
    String p = LazyExtractor.normalize(path);
    if (!p.isEmpty()) {
      FileEntry e = tree.get(p);
      if (e == null) {
        throw new FileNotFoundException("'" + path + "' does not exist in the image");
      }
      if (!e.isDirectory()) {
        return List.of(e);
      }
    }
    List<FileEntry> out = new ArrayList<>();
    String prefix = p.isEmpty() ? "" : p + "/";
    for (Map.Entry<String, FileEntry> e : tree.tailMap(prefix, true).entrySet()) {
      String k = e.getKey();
      if (!k.startsWith(prefix)) {
        break;
      }
      if (!k.equals(p) && k.indexOf('/', prefix.length()) < 0) {
        out.add(e.getValue());
      }
    }
    return out;
  }

  /** Whether the entry {@code name} (a whiteout or opaque marker) hides {@code path} of lower layers. */
  static boolean hides(String name, String path) {
    String base = baseName(name);
    String parent = parentOf(name);
    if (base.equals(OPAQUE)) {
      return parent.isEmpty() || path.startsWith(parent + "/");
    }
    if (base.startsWith(WHITEOUT)) {
      String victim = join(parent, base.substring(WHITEOUT.length()));
      return path.equals(victim) || path.startsWith(victim + "/");
    }
    return false;
  }

  private static void removeChildren(TreeMap<String, FileEntry> tree, String dir) {
    if (dir.isEmpty()) {
      tree.clear();
      return;
    }
    tree.subMap(dir + "/", true, dir + "0", false).clear(); // '0' follows '/' in UTF-16 order
  }

  private static void addParents(TreeMap<String, FileEntry> tree, String path) {
    String parent = parentOf(path);
    while (!parent.isEmpty() && !tree.containsKey(parent)) {
      FileMetadata dir = new FileMetadata(parent + "/", EntryType.DIR, 0, 0, "", 040755, 0, 0, "", "", "", 0, 0,
          List.of());
      tree.put(parent, new FileEntry(parent, dir, -1, null));
      parent = parentOf(parent);
    }
  }

  private static String baseName(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  static String parentOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  static String join(String parent, String name) {
    return parent.isEmpty() ? name : parent + "/" + name;
  }
}
