package dev.sociscope.app.ztoc;

import dev.sociscope.core.format.FileMode;
import dev.sociscope.app.model.FileNode;
import dev.sociscope.core.ztoc.FileMetadata;

/** Column texts for a tree node, shared by the tree and the details panel. */
public final class EntryText {
  private EntryText() {}

  public static String mode(FileNode n) {
    FileMetadata e = n.entry();
    return e == null ? "" : FileMode.ls(e.type(), e.mode());
  }

  public static String owner(FileNode n) {
    FileMetadata e = n.entry();
    if (e == null) {
      return "";
    }
    String ids = e.uid() + ":" + e.gid();
    if (e.uname().isEmpty() && e.gname().isEmpty()) {
      return ids;
    }
    return ids + " (" + e.uname() + (e.gname().isEmpty() ? "" : "/" + e.gname()) + ")";
  }

  public static String modTime(FileNode n) {
    FileMetadata e = n.entry();
    return e == null ? "" : e.modTime().replace('T', ' ');
  }

  public static String type(FileNode n) {
    return n.isImplied() ? "dir*" : n.type().wireName();
  }

  public static String linkTarget(FileNode n) {
    FileMetadata e = n.entry();
    return e == null ? "" : e.linkname();
  }

  /** "7", "3-5", or "" when the node has no data. */
  public static String spans(FileNode n) {
    if (!n.hasData()) {
      return "";
    }
    return n.firstSpan() == n.lastSpan() ? Integer.toString(n.firstSpan()) : n.firstSpan() + "\u2013" + n.lastSpan();
  }
}
