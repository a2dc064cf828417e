package dev.sociscope.app.model;

import dev.sociscope.core.extract.SpanRange;
import dev.sociscope.core.tar.TarPaths;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.Ztoc;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * The directory tree of one layer, built from the zTOC's flat entry list. Parents that have no entry of their own
 * are implied; a later entry with the same path replaces an earlier one, as extraction would. Built off the FX
 * thread; 100k entries take well under a second.
 */
public final class FileTree {
  public static final Comparator<FileNode> NATURAL_ORDER = Comparator
      .comparing((FileNode n) -> !n.isDirectory())
      .thenComparing(FileNode::name);

  private final FileNode root;
  private final List<FileNode> nodes;
  private final int replacedEntries;
  private final Map<String, FileNode> byPath;

  private FileTree(FileNode root, List<FileNode> nodes, int replacedEntries, Map<String, FileNode> byPath) {
    this.root = root;
    this.nodes = nodes;
    this.replacedEntries = replacedEntries;
    this.byPath = byPath;
  }

  /** The node at {@code path} (any form: "./a/b", "/a/b/", "a/b"), if the layer has it. */
  public java.util.Optional<FileNode> find(String path) {
    return java.util.Optional.ofNullable(byPath.get(normalize(path)));
  }

  /**
   * Follows hard links (target named from the layer root) and symbolic links (relative to the link's folder or
   * absolute) to the entry that holds the content, or empty when the chain leaves the layer or loops.
   */
  public java.util.Optional<FileNode> resolve(FileNode node) {
    FileNode current = node;
    for (int hops = 0; hops < 16 && current != null; hops++) {
      if (current.entry() == null || (current.type() != EntryType.HARDLINK && current.type() != EntryType.SYMLINK)) {
        return java.util.Optional.of(current);
      }
      String target = current.entry().linkname();
      if (current.type() == EntryType.SYMLINK && !target.startsWith("/")) {
        String dir = current.parent() == null ? "" : current.parent().path();
        target = resolveDots(dir.isEmpty() ? target : dir + "/" + target);
      } else {
        target = resolveDots(target);
      }
      current = target == null ? null : byPath.get(normalize(target));
    }
    return java.util.Optional.empty();
  }

  /** Applies ".." segments; null when they climb above the root. */
  private static String resolveDots(String path) {
    java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
    for (String p : path.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.removeLast();
      } else {
        parts.addLast(p);
      }
    }
    return String.join("/", parts);
  }

  public FileNode root() {
    return root;
  }

  /** Every node except the root, in tar order for real entries followed by implied directories. */
  public List<FileNode> nodes() {
    return nodes;
  }

  /** How many entries were hidden by a later entry with the same path. */
  public int replacedEntries() {
    return replacedEntries;
  }

  public static FileTree build(Ztoc ztoc, Zinfo zinfo) {
    return build(ztoc, zinfo, () -> false);
  }

  /** Builds the tree, checking {@code cancelled} now and then. */
  public static FileTree build(Ztoc ztoc, Zinfo zinfo, BooleanSupplier cancelled) {
    FileNode root = new FileNode("/", "", null);
    root.makeDirectory();
    Map<String, FileNode> byPath = new HashMap<>(ztoc.files().size() * 2);
    byPath.put("", root);
    List<FileNode> nodes = new ArrayList<>(ztoc.files().size());
    int replaced = 0;
    int i = 0;
    for (FileMetadata f : ztoc.files()) {
      if ((++i & 0xFFF) == 0 && cancelled.getAsBoolean()) {
        throw new CancellationException();
      }
      String path = normalize(f.name());
      if (path.isEmpty()) {
        setEntry(root, f, zinfo);
        root.makeDirectory();
        continue;
      }
      FileNode node = byPath.get(path);
      if (node == null) {
        node = addNode(path, byPath, nodes);
      } else if (!node.isImplied()) {
        replaced++;
      }
      setEntry(node, f, zinfo);
    }
    root.finish();
    return new FileTree(root, List.copyOf(nodes), replaced, byPath);
  }

  /**
   * The tree of an image (merged across layers, or one layer) from its entries; spans are those of each entry's own
   * layer ({@code zinfoOfLayer} returns null for layers without a zTOC).
   */
  public static FileTree fromImage(java.util.Collection<dev.sociscope.core.files.FileEntry> entries,
      java.util.function.IntFunction<Zinfo> zinfoOfLayer) {
    FileNode root = new FileNode("/", "", null);
    root.makeDirectory();
    Map<String, FileNode> byPath = new HashMap<>(entries.size() * 2);
    byPath.put("", root);
    List<FileNode> nodes = new ArrayList<>(entries.size());
    for (dev.sociscope.core.files.FileEntry e : entries) {
      String path = normalize(e.path());
      if (path.isEmpty()) {
        continue;
      }
      FileMetadata f = e.metadata();
      Zinfo zinfo = e.layer() < 0 ? null : zinfoOfLayer.apply(e.layer());
      FileNode node = byPath.get(path);
      if (node == null) {
        node = addNode(path, byPath, nodes);
      }
      if (e.layerDigest() != null) {
        setEntry(node, f, zinfo);
        node.setLayer(e.layer());
      }
    }
    root.finish();
    return new FileTree(root, List.copyOf(nodes), 0, byPath);
  }

  /** Sets a node's entry with the spans a lazy read of its data fetches (none without data or without a zTOC). */
  private static void setEntry(FileNode node, FileMetadata f, Zinfo zinfo) {
    if (f.type() == EntryType.REG && f.uncompressedSize() > 0 && zinfo != null) {
      SpanRange spans = SpanRange.of(zinfo, f.uncompressedOffset(), f.uncompressedSize());
      node.setEntry(f, spans.first(), spans.last());
    } else {
      node.setEntry(f, -1, -1);
    }
  }

  /** A new node at {@code path}, under its parent (made a directory, and made itself when missing). */
  private static FileNode addNode(String path, Map<String, FileNode> byPath, List<FileNode> nodes) {
    FileNode node = new FileNode(baseName(path), path, parentOf(path, byPath, nodes));
    node.parent().addChild(node);
    node.parent().makeDirectory();
    byPath.put(path, node);
    nodes.add(node);
    return node;
  }

  /**
   * The parent node of {@code path}, creating missing ancestors as implied directories. Iterative: a path thousands
   * of components deep must not cost a stack frame per component.
   */
  private static FileNode parentOf(String path, Map<String, FileNode> byPath, List<FileNode> nodes) {
    java.util.ArrayDeque<String> missing = new java.util.ArrayDeque<>();
    String p = parentPath(path);
    FileNode parent = byPath.get(p);
    while (parent == null) {
      missing.push(p);
      p = parentPath(p);
      parent = byPath.get(p);
    }
    while (!missing.isEmpty()) {
      String dirPath = missing.pop();
      FileNode dir = new FileNode(baseName(dirPath), dirPath, parent);
      dir.makeDirectory();
      parent.addChild(dir);
      byPath.put(dirPath, dir);
      nodes.add(dir);
      parent = dir;
    }
    return parent;
  }

  private static String parentPath(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  /** The same path cleaning as {@code ls}/{@code get}: {@code ..} resolved, never above the image root. */
  static String normalize(String name) {
    return TarPaths.normalize(name);
  }

  private static String baseName(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
