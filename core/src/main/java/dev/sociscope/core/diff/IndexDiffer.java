package dev.sociscope.core.diff;

import dev.sociscope.core.image.ImageSource;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.soci.SociIndex;
import dev.sociscope.core.soci.ZtocDescriptor;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.ZtocReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Computes an {@link IndexDiff}; zTOCs are read from the stores that hold each index. */
public final class IndexDiffer {
  private IndexDiffer() {}

  /** A SOCI index and where its zTOCs are. */
  public record Side(Digest digest, long manifestBytes, SociIndex index, ImageSource store) {}

  public static IndexDiff diff(Side a, Side b) throws IOException {
    List<ZtocDescriptor> onlyA = new ArrayList<>(a.index().ztocs());
    List<ZtocDescriptor> onlyB = new ArrayList<>(b.index().ztocs());
    List<IndexDiff.LayerDiff> rows = new ArrayList<>();
    for (ZtocDescriptor za : a.index().ztocs()) {
      ZtocDescriptor zb = b.index().ztocFor(za.layerDigest()).orElse(null);
      if (zb == null) {
        continue;
      }
      onlyA.remove(za);
      onlyB.remove(zb);
      boolean same = za.ztocDigest().equals(zb.ztocDigest());
      rows.add(row(same ? IndexDiff.Change.REUSED : IndexDiff.Change.REBUILT, a, za, b, zb));
    }
    // Layers that differ: paired in order (the same position in the image), the rest dropped or added.
    int pairs = Math.min(onlyA.size(), onlyB.size());
    for (int i = 0; i < pairs; i++) {
      rows.add(row(IndexDiff.Change.REPLACED, a, onlyA.get(i), b, onlyB.get(i)));
    }
    for (ZtocDescriptor za : onlyA.subList(pairs, onlyA.size())) {
      rows.add(row(IndexDiff.Change.DROPPED, a, za, b, null));
    }
    for (ZtocDescriptor zb : onlyB.subList(pairs, onlyB.size())) {
      rows.add(row(IndexDiff.Change.ADDED, a, null, b, zb));
    }
    long ztocA = a.index().ztocs().stream().mapToLong(ZtocDescriptor::ztocSize).sum();
    long ztocB = b.index().ztocs().stream().mapToLong(ZtocDescriptor::ztocSize).sum();
    return new IndexDiff(a.digest(), b.digest(), rows, b.manifestBytes() - a.manifestBytes(), ztocB - ztocA);
  }

  private static IndexDiff.LayerDiff row(IndexDiff.Change change, Side a, ZtocDescriptor za, Side b,
      ZtocDescriptor zb) throws IOException {
    List<IndexDiff.FileChange> files = List.of();
    if (change != IndexDiff.Change.REUSED) {
      files = files(za == null ? Map.of() : toc(a.store(), za), zb == null ? Map.of() : toc(b.store(), zb));
    }
    return new IndexDiff.LayerDiff(change, za == null ? null : za.layerDigest(), zb == null ? null : zb.layerDigest(),
        za == null ? 0 : spanSize(a.store(), za), zb == null ? 0 : spanSize(b.store(), zb),
        za == null ? 0 : za.ztocSize(), zb == null ? 0 : zb.ztocSize(), files);
  }

  /** The span size recorded in the zTOC (the annotation may be absent in older indexes). */
  private static long spanSize(ImageSource store, ZtocDescriptor z) throws IOException {
    return z.spanSize() > 0 ? z.spanSize() : ZtocReader.readWithZinfo(store.readBlob(z.descriptor(), dev.sociscope.core.image.BlobKind.ZTOC)).zinfo()
        .spanSize();
  }

  private static Map<String, FileMetadata> toc(ImageSource store, ZtocDescriptor z) throws IOException {
    Ztoc ztoc = ZtocReader.read(store.readBlob(z.descriptor(), dev.sociscope.core.image.BlobKind.ZTOC));
    Map<String, FileMetadata> out = new LinkedHashMap<>();
    for (FileMetadata f : ztoc.files()) {
      out.put(f.name(), f); // a later entry of the same name replaces an earlier one, as in a file system
    }
    return out;
  }

  static List<IndexDiff.FileChange> files(Map<String, FileMetadata> a, Map<String, FileMetadata> b) {
    Map<String, IndexDiff.FileChange> out = new TreeMap<>();
    for (Map.Entry<String, FileMetadata> e : a.entrySet()) {
      FileMetadata fb = b.get(e.getKey());
      if (fb == null) {
        out.put(e.getKey(), new IndexDiff.FileChange(IndexDiff.FileChangeKind.REMOVED, e.getKey(), List.of()));
        continue;
      }
      List<String> what = changes(e.getValue(), fb);
      if (!what.isEmpty()) {
        out.put(e.getKey(), new IndexDiff.FileChange(IndexDiff.FileChangeKind.CHANGED, e.getKey(), what));
      }
    }
    for (String name : b.keySet()) {
      if (!a.containsKey(name)) {
        out.put(name, new IndexDiff.FileChange(IndexDiff.FileChangeKind.ADDED, name, List.of()));
      }
    }
    return new ArrayList<>(out.values());
  }

  private static List<String> changes(FileMetadata a, FileMetadata b) {
    List<String> what = new ArrayList<>();
    if (a.type() != b.type()) {
      what.add("type " + a.type() + " -> " + b.type());
    }
    if (a.uncompressedSize() != b.uncompressedSize()) {
      what.add("size " + a.uncompressedSize() + " -> " + b.uncompressedSize());
    }
    if (a.mode() != b.mode()) {
      what.add("mode " + Long.toOctalString(a.mode()) + " -> " + Long.toOctalString(b.mode()));
    }
    if (!a.linkname().equals(b.linkname())) {
      what.add("link " + a.linkname() + " -> " + b.linkname());
    }
    return what;
  }
}
