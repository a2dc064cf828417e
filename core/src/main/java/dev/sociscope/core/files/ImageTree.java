package dev.sociscope.core.files;

import java.util.TreeMap;

/**
 * The file tree of an image: cleaned path to entry, in path order. It holds the entries the layers have; a
 * directory that has none of its own (the parent of deeper paths) is not stored but answered by {@link #get} and
 * {@link #containsKey} (an implicit directory, mode 0755, layer -1), and {@link ImageFiles#list} and
 * {@link ImageFiles#walk} show it. Iterating the map itself gives stored entries only. Storing every implicit
 * parent would take memory quadratic in the depth of a path; a hostile layer can be thousands of levels deep.
 */
public final class ImageTree extends TreeMap<String, FileEntry> {
  private static final long serialVersionUID = 1L;

  @Override
  public FileEntry get(Object key) {
    FileEntry e = super.get(key);
    if (e == null && key instanceof String p && !p.isEmpty() && OverlayTree.hasChildren(this, p)) {
      return OverlayTree.implicitDirectory(p);
    }
    return e;
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }
}
