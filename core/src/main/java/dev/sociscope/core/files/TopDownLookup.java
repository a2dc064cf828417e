package dev.sociscope.core.files;

import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.lookup.NameLookup;
import dev.sociscope.core.ztoc.lookup.TocEntry;

/**
 * What the merged tree ({@link OverlayTree#apply}) holds at one path, found by asking the layers top-down: the first
 * layer that has anything to say about the path decides it, so the layers below are never opened. A layer decides
 * a path when it
 * <ul>
 *   <li>has an entry at it: the last one counts, unless a later entry of the same layer replaces a parent
 *       directory with something else;
 *   <li>replaces a parent directory with a file, symlink or other non-directory (the path is gone);
 *   <li>whites it or a parent out ({@code .wh.NAME}, a {@code .wh.} at the root clears everything), or marks a
 *       parent opaque ({@code .wh..wh..opq}): the path is gone from the layers below.
 * </ul>
 * Each question is an exact-path lookup in the layer (the path, its parents, their whiteout and opaque names), so it
 * costs a few binary searches however large the layer is. Paths whose name starts with {@code .wh.} are never in
 * the tree. Only explicit entries are answered; a directory that exists only as the parent of deeper paths is not.
 */
final class TopDownLookup {
  /** A layer's verdict: it holds the path ({@code entry}), hides it ({@code decided}, no entry), or says nothing. */
  record Verdict(boolean decided, TocEntry entry) {
    static final Verdict UNDECIDED = new Verdict(false, null);
    static final Verdict GONE = new Verdict(true, null);
  }

  private TopDownLookup() {}

  /** Whether {@code p} (cleaned, not empty) can be in the merged tree at all. */
  static boolean mayExist(String p) {
    return !p.isEmpty() && !OverlayTree.baseName(p).startsWith(OverlayTree.WHITEOUT);
  }

  /** What one layer says about the cleaned path {@code p} ({@link #mayExist} true) over the layers below it. */
  static Verdict verdict(NameLookup layer, String p) {
    TocEntry put = null;
    for (TocEntry e : layer.entriesAt(p)) {
      put = e; // tar order: the last one is put last
    }
    int removed = -1; // the last position of a non-directory at a parent, which removes p when it comes later
    for (int slash = p.indexOf('/'); slash >= 0; slash = p.indexOf('/', slash + 1)) {
      String parent = p.substring(0, slash);
      if (OverlayTree.baseName(parent).startsWith(OverlayTree.WHITEOUT)) {
        continue; // a whiteout name is a marker, never an entry of the tree
      }
      for (TocEntry e : layer.entriesAt(parent)) {
        if (e.metadata().type() != EntryType.DIR) {
          removed = Math.max(removed, e.position());
        }
      }
    }
    if (put != null || removed >= 0) {
      return put != null && put.position() > removed ? new Verdict(true, put) : Verdict.GONE;
    }
    return hiddenByMarkers(layer, p) ? Verdict.GONE : Verdict.UNDECIDED;
  }

  /** Whether a whiteout or opaque marker of this layer removes {@code p} of the layers below. */
  private static boolean hiddenByMarkers(NameLookup layer, String p) {
    if (!layer.entriesAt(OverlayTree.WHITEOUT).isEmpty() || !layer.entriesAt(OverlayTree.OPAQUE).isEmpty()) {
      return true; // ".wh." (a whiteout of the root) and an opaque root remove everything
    }
    int end = p.length();
    while (end > 0) { // p and each parent: its whiteout; each parent: its opaque marker
      String x = p.substring(0, end);
      String name = OverlayTree.baseName(x);
      String parent = OverlayTree.parentOf(x);
      if (end < p.length() && !layer.entriesAt(OverlayTree.join(x, OverlayTree.OPAQUE)).isEmpty()) {
        return true;
      }
      // (for a name ".wh..opq" this is the parent's opaque marker, which hides p as well)
      if (!layer.entriesAt(OverlayTree.join(parent, OverlayTree.WHITEOUT + name)).isEmpty()) {
        return true;
      }
      end = parent.length();
    }
    return false;
  }
}
