package dev.sociscope.app.model;

import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One node of a layer's file tree. Directories that only appear as parents of other paths have no entry
 * ({@link #isImplied()}). Built once off the FX thread by {@link FileTree}; read-only afterwards.
 */
public final class FileNode {
  private final String name;
  private final String path;
  private final FileNode parent;
  private FileMetadata entry;
  private boolean directory;
  private List<FileNode> children = List.of();
  private long totalSize;
  private int descendantCount;
  private int firstSpan = -1;
  private int lastSpan = -1;
  private int layer = -1;

  FileNode(String name, String path, FileNode parent) {
    this.name = name;
    this.path = path;
    this.parent = parent;
  }

  /** Last path element; the root's name is "/". */
  public String name() {
    return name;
  }

  /** Normalized path without leading "./" or "/" and without trailing "/" ("" for the root). */
  public String path() {
    return path;
  }

  /** The path as a user would copy it: "/" + path. */
  public String displayPath() {
    return "/" + path;
  }

  public FileNode parent() {
    return parent;
  }

  /** The zTOC entry, or null for a directory implied by deeper paths. */
  public FileMetadata entry() {
    return entry;
  }

  public boolean isImplied() {
    return entry == null;
  }

  public boolean isDirectory() {
    return directory;
  }

  public EntryType type() {
    return entry == null ? EntryType.DIR : entry.type();
  }

  /** Children sorted directories first, then by name. */
  public List<FileNode> children() {
    return children;
  }

  /** The entry's size, or for a directory the sum of the regular files below it. */
  public long size() {
    if (directory) {
      return totalSize;
    }
    return entry == null ? 0 : entry.uncompressedSize();
  }

  public int descendantCount() {
    return descendantCount;
  }

  /** First span holding this file's data, or -1 when it has none (empty file, directory, link). */
  public int firstSpan() {
    return firstSpan;
  }

  public int lastSpan() {
    return lastSpan;
  }

  /** In an image's merged tree, the position of the layer the entry comes from; -1 otherwise. */
  public int layer() {
    return layer;
  }

  void setLayer(int layer) {
    this.layer = layer;
  }

  public boolean hasData() {
    return firstSpan >= 0;
  }

  void setEntry(FileMetadata entry, int firstSpan, int lastSpan) {
    this.entry = entry;
    this.directory = entry.type() == EntryType.DIR;
    this.firstSpan = firstSpan;
    this.lastSpan = lastSpan;
  }

  void makeDirectory() {
    directory = true;
  }

  void addChild(FileNode child) {
    if (children.isEmpty()) {
      children = new ArrayList<>(4);
    }
    children.add(child);
  }

  /**
   * Sorts children and sums sizes bottom-up for this node and everything below it; returns the total regular-file
   * size. Iterative (post-order with an explicit stack), so a path thousands of folders deep cannot overflow the stack.
   */
  long finish() {
    java.util.ArrayDeque<FileNode> stack = new java.util.ArrayDeque<>();
    java.util.ArrayList<FileNode> order = new java.util.ArrayList<>();
    stack.push(this);
    while (!stack.isEmpty()) {
      FileNode n = stack.pop();
      order.add(n);
      for (FileNode c : n.children) {
        if (c.directory) {
          stack.push(c);
        }
      }
    }
    // Parents come before their children in "order", so walking it backwards finishes children first.
    for (int i = order.size() - 1; i >= 0; i--) {
      order.get(i).finishOne();
    }
    return totalSize;
  }

  /** Sums this node's children, whose own sums are already known. */
  private void finishOne() {
    long sum = 0;
    int count = 0;
    if (!children.isEmpty()) {
      ((ArrayList<FileNode>) children).sort(FileTree.NATURAL_ORDER);
      for (FileNode c : children) {
        sum += c.directory ? c.totalSize : (c.entry == null ? 0 : c.entry.uncompressedSize());
        count += 1 + c.descendantCount;
      }
      children = Collections.unmodifiableList(children);
    }
    totalSize = sum;
    descendantCount = count;
  }

  @Override
  public String toString() {
    return displayPath();
  }
}
