package dev.sociscope.app.model;

import dev.sociscope.core.ztoc.CompressionAlgorithm;
import dev.sociscope.core.ztoc.GzipZinfo;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.Ztoc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A zTOC opened in the app: the decoded model, its span table, the file tree and which files each span holds.
 * Immutable; built off the FX thread.
 *
 * @param title what the header shows (file name or layer digest)
 * @param ztocPath the zTOC file, or empty when it came from elsewhere (registry, demo resource)
 * @param layer the layer blob the zTOC describes, when known, for previews
 */
public record ZtocDocument(String title, Optional<Path> ztocPath, Optional<LayerSource> layer, Ztoc ztoc,
    Zinfo zinfo, List<SpanInfo> spans, FileTree tree, List<List<FileNode>> filesBySpan) {

  public ZtocDocument {
    spans = List.copyOf(spans);
    filesBySpan = List.copyOf(filesBySpan);
  }

  public static ZtocDocument of(String title, Optional<Path> ztocPath, Optional<LayerSource> layer, Ztoc ztoc,
      Zinfo zinfo, BooleanSupplier cancelled) {
    FileTree tree = FileTree.build(ztoc, zinfo, cancelled);
    List<SpanInfo> spans = new ArrayList<>(zinfo.spanCount());
    for (int i = 0; i < zinfo.spanCount(); i++) {
      int bits = zinfo instanceof GzipZinfo ? ((GzipZinfo) zinfo).checkpoints().get(i).bits() : 0;
      spans.add(new SpanInfo(i, zinfo.compressedStart(i), zinfo.compressedEnd(i), zinfo.uncompressedStart(i),
          zinfo.uncompressedEnd(i), bits));
    }
    List<List<FileNode>> bySpan = new ArrayList<>(spans.size());
    for (int i = 0; i < spans.size(); i++) {
      bySpan.add(new ArrayList<>());
    }
    for (FileNode n : tree.nodes()) {
      if (n.hasData()) {
        for (int s = n.firstSpan(); s <= n.lastSpan() && s < bySpan.size(); s++) {
          bySpan.get(s).add(n);
        }
      }
    }
    return new ZtocDocument(title, ztocPath, layer, ztoc, zinfo, spans, tree, bySpan);
  }

  public CompressionAlgorithm algorithm() {
    return ztoc.compressionInfo().algorithm();
  }

  public long layerSize() {
    return ztoc.compressedArchiveSize();
  }

  public ZtocDocument withLayer(LayerSource source) {
    return new ZtocDocument(title, ztocPath, Optional.of(source), ztoc, zinfo, spans, tree, filesBySpan);
  }

  /** The spans needed to read the data of {@code nodes} (directories count with all their files). */
  public BitSet spansFor(Collection<FileNode> nodes) {
    BitSet set = new BitSet(spans.size());
    for (FileNode n : nodes) {
      addSpans(n, set);
    }
    return set;
  }

  /** Iterative, so a folder thousands of levels deep cannot overflow the stack. */
  private static void addSpans(FileNode start, BitSet set) {
    java.util.ArrayDeque<FileNode> stack = new java.util.ArrayDeque<>();
    stack.push(start);
    while (!stack.isEmpty()) {
      FileNode n = stack.pop();
      if (n.hasData()) {
        set.set(n.firstSpan(), n.lastSpan() + 1);
      }
      for (FileNode c : n.children()) {
        stack.push(c);
      }
    }
  }

  /** Total compressed bytes of the spans in {@code set}. */
  public long compressedBytes(BitSet set) {
    long sum = 0;
    for (int i = set.nextSetBit(0); i >= 0 && i < spans.size(); i = set.nextSetBit(i + 1)) {
      sum += spans.get(i).compressedSize();
    }
    return sum;
  }
}
