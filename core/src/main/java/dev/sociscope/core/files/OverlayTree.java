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
 * directory hides its contents. Paths are cleaned, without leading {@code /}. Directories that have no entry of
 * their own (parents of deeper paths) are not stored: {@link ImageTree} and {@link #list}/{@link #walk} make them
 * when asked, so memory stays linear in the input however deep its paths are. The loops are per entry and per path
 * level, never recursive.
 */
final class OverlayTree {
  static final String WHITEOUT = ".wh.";
  static final String OPAQUE = ".wh..wh..opq";
  /** The character after '/' in UTF-16 order: {@code dir + "0"} bounds everything below {@code dir/}. */
  private static final String SLASH_SUCCESSOR = "0";

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
      if (f.type() != EntryType.DIR) {
        removeChildren(tree, path); // a file replacing a directory hides its contents
      }
      tree.put(path, new FileEntry(path, f, position, digest));
    }
  }

  /** One layer's entries as stored (whiteout files included), cleaned paths, later duplicates winning. */
  static ImageTree layerTree(List<FileMetadata> entries, int position, Digest digest) {
    ImageTree tree = new ImageTree();
    for (FileMetadata f : entries) {
      String path = LazyExtractor.normalize(f.name());
      if (!path.isEmpty()) {
        tree.put(path, new FileEntry(path, f, position, digest));
      }
    }
    return tree;
  }

  static List<FileEntry> list(TreeMap<String, FileEntry> tree, String path) throws FileNotFoundException {
    String p = LazyExtractor.normalize(path);
    if (!p.isEmpty()) {
      FileEntry e = lookup(tree, p);
      if (e == null) {
        throw new FileNotFoundException("'" + path + "' does not exist in the image");
      }
      if (!e.isDirectory()) {
        return List.of(e);
      }
    }
    List<FileEntry> out = new ArrayList<>();
    String prefix = p.isEmpty() ? "" : p + "/";
    String key = tree.ceilingKey(prefix);
    while (key != null && key.startsWith(prefix)) {
      int slash = key.indexOf('/', prefix.length());
      if (slash < 0) {
        out.add(tree.get(key)); // an entry of its own; a directory's contents follow it
        key = tree.higherKey(key);
      } else {
        String child = key.substring(0, slash);
        if (explicit(tree, child) == null) {
          out.add(implicitDirectory(child));
        }
        key = tree.ceilingKey(child + SLASH_SUCCESSOR); // past everything below the child
      }
    }
    out.sort(java.util.Comparator.comparing(FileEntry::path));
    return out;
  }

  /**
   * Everything at and below {@code path} in path order (implicit directories included, made as they are passed),
   * handed to {@code sink} one by one: nothing is collected, so memory does not grow with the depth of the tree.
   */
  static void walk(TreeMap<String, FileEntry> tree, String path, java.util.function.Consumer<FileEntry> sink)
      throws FileNotFoundException {
    String p = LazyExtractor.normalize(path);
    if (!p.isEmpty()) {
      FileEntry e = lookup(tree, p);
      if (e == null) {
        throw new FileNotFoundException("'" + path + "' does not exist in the image");
      }
      sink.accept(e);
      if (!e.isDirectory()) {
        return;
      }
    }
    String prefix = p.isEmpty() ? "" : p + "/";
    String prev = p;
    for (Map.Entry<String, FileEntry> e : tree.tailMap(prefix, true).entrySet()) {
      String k = e.getKey();
      if (!k.startsWith(prefix)) {
        break;
      }
      // parents of k below p not yet passed: those deeper than what k shares with the previous key
      int common = commonPrefix(prev, k);
      int from = Math.max(prefix.length(), common);
      for (int slash = k.indexOf('/', from); slash >= 0; slash = k.indexOf('/', slash + 1)) {
        if (slash == prev.length() && common == slash) {
          continue; // prev is this very parent
        }
        String parent = k.substring(0, slash);
        if (explicit(tree, parent) == null) {
          sink.accept(implicitDirectory(parent));
        }
      }
      sink.accept(e.getValue());
      prev = k;
    }
  }

  /**
   * The entry at cleaned path {@code p}: its own, or an implicit directory when only paths below it have entries.
   */
  static FileEntry lookup(TreeMap<String, FileEntry> tree, String p) {
    FileEntry e = tree.get(p);
    if (e == null && hasChildren(tree, p)) {
      return implicitDirectory(p);
    }
    return e;
  }

  /** The entry stored for {@code p} (no implicit directory). */
  private static FileEntry explicit(TreeMap<String, FileEntry> tree, String p) {
    String k = tree.ceilingKey(p);
    return p.equals(k) ? tree.get(k) : null;
  }

  static boolean hasChildren(TreeMap<String, FileEntry> tree, String p) {
    String k = tree.ceilingKey(p + "/");
    return k != null && k.startsWith(p + "/");
  }

  /**
   * A directory that has no entry of its own, made when asked for rather than stored: storing one per parent of a
   * path thousands of levels deep would take memory quadratic in its depth.
   */
  static FileEntry implicitDirectory(String p) {
    FileMetadata dir = new FileMetadata(p + "/", EntryType.DIR, 0, 0, "", 040755, 0, 0, "", "", "", 0, 0, List.of());
    return new FileEntry(p, dir, -1, null);
  }

  private static int commonPrefix(String a, String b) {
    int n = Math.min(a.length(), b.length());
    int i = 0;
    while (i < n && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return i;
  }

  private static void removeChildren(TreeMap<String, FileEntry> tree, String dir) {
    if (dir.isEmpty()) {
      tree.clear();
      return;
    }
    tree.subMap(dir + "/", true, dir + SLASH_SUCCESSOR, false).clear();
  }

  static String baseName(String path) {
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
