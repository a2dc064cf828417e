package dev.sociscope.core.profile;

import dev.sociscope.core.extract.SpanRange;
import dev.sociscope.core.files.FileEntry;
import dev.sociscope.core.files.ImageFiles;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.soci.SociIndex;
import dev.sociscope.core.soci.ZtocDescriptor;
import dev.sociscope.core.tar.TarPaths;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.Zinfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Profiles a container start ({@link StartupProfile}): each path is looked up in the image's merged tree, as the
 * container sees it (upper layers and whiteouts win, symlinks and hard links followed), and the spans holding its
 * data are what a lazy start fetches from that layer.
 */
public final class StartupProfiler {
  private static final int MAX_SYMLINK_HOPS = 40;

  private StartupProfiler() {}

  /**
   * @param files the image's files through the index the runtime uses (or none)
   * @param index that index, or null
   * @param indexDigest its manifest's digest, or null
   * @param indexBytes size of the index manifest (0 without one)
   * @param configBytes size of the image config
   */
  public static StartupProfile profile(String platform, ImageFiles files, SociIndex index, Digest indexDigest,
      long indexBytes, long configBytes, List<String> paths) throws IOException {
    TreeMap<String, FileEntry> tree = files.tree(false);
    Map<Integer, List<String>> filesByLayer = new LinkedHashMap<>();
    Map<Integer, List<SpanRange>> spansByLayer = new LinkedHashMap<>();
    List<String> notFound = new ArrayList<>();
    for (String raw : paths) {
      String path = TarPaths.normalize(raw);
      FileEntry e = resolve(tree, path);
      if (e == null) {
        notFound.add(path);
        continue;
      }
      filesByLayer.computeIfAbsent(e.layer(), k -> new ArrayList<>()).add(path);
      FileMetadata data = e.metadata();
      if (data.type() == EntryType.REG && data.uncompressedSize() > 0 && e.layer() >= 0) {
        Zinfo zinfo = zinfo(files, files.layers().get(e.layer()));
        spansByLayer.computeIfAbsent(e.layer(), k -> new ArrayList<>())
            .add(SpanRange.of(zinfo, data.uncompressedOffset(), data.uncompressedSize()));
      }
    }
    List<StartupProfile.Layer> layers = new ArrayList<>();
    long ztocBytes = 0;
    long full = configBytes;
    for (ImageFiles.Layer l : files.layers()) {
      full += l.descriptor().size();
      List<String> found = filesByLayer.getOrDefault(l.position(), List.of());
      if (!l.indexed()) {
        layers.add(new StartupProfile.Layer(l.descriptor().digest(), l.descriptor().size(), false, found, List.of(),
            l.descriptor().size(), 0));
        continue;
      }
      ztocBytes += l.ztocDescriptor().ztocSize();
      List<SpanRange> merged = merge(spansByLayer.getOrDefault(l.position(), List.of()));
      long bytes = 0;
      if (!merged.isEmpty()) {
        Zinfo zinfo = zinfo(files, l);
        bytes = SpanRange.headerBytes(zinfo);
        for (SpanRange r : merged) {
          bytes += r.fetchedBytes(zinfo);
        }
      }
      layers.add(new StartupProfile.Layer(l.descriptor().digest(), l.descriptor().size(), true, found, merged, bytes,
          merged.size()));
    }
    ZtocDescriptor any = index == null || index.ztocs().isEmpty() ? null : index.ztocs().get(0);
    return new StartupProfile(platform, files.manifest().manifest().digest(), indexDigest,
        any == null ? 0 : any.spanSize(), layers, notFound, indexBytes, ztocBytes, full);
  }

  private static Zinfo zinfo(ImageFiles files, ImageFiles.Layer layer) throws IOException {
    return Zinfo.of(files.ztoc(layer));
  }

  /** Overlapping or adjacent runs become one, as one range request reads them. */
  static List<SpanRange> merge(List<SpanRange> ranges) {
    List<SpanRange> sorted = new ArrayList<>(ranges);
    sorted.sort(Comparator.comparingInt(SpanRange::first).thenComparingInt(SpanRange::last));
    List<SpanRange> out = new ArrayList<>();
    for (SpanRange r : sorted) {
      if (!out.isEmpty() && r.first() <= out.get(out.size() - 1).last() + 1) {
        SpanRange last = out.remove(out.size() - 1);
        out.add(new SpanRange(last.first(), Math.max(last.last(), r.last())));
      } else {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * The entry a path names in the merged tree, following symlinks in every component (relative ones from their
   * directory, absolute ones from the image root) and hard links to their target; null when it does not exist.
   */
  static FileEntry resolve(TreeMap<String, FileEntry> tree, String path) {
    List<String> todo = new ArrayList<>(List.of(TarPaths.normalize(path).split("/")));
    String cur = "";
    int hops = 0;
    while (!todo.isEmpty()) {
      String part = todo.remove(0);
      if (part.isEmpty()) {
        continue;
      }
      String candidate = cur.isEmpty() ? part : cur + "/" + part;
      FileEntry e = tree.get(candidate);
      if (e == null) {
        return null;
      }
      if (e.metadata().type() == EntryType.SYMLINK) {
        if (++hops > MAX_SYMLINK_HOPS) {
          return null;
        }
        String target = e.metadata().linkname();
        String base = target.startsWith("/") ? "" : cur;
        List<String> rest = new ArrayList<>(List.of(TarPaths.normalize(
            (base.isEmpty() ? "" : base + "/") + target).split("/")));
        rest.addAll(todo);
        todo = rest;
        cur = "";
        continue;
      }
      cur = candidate;
      if (todo.isEmpty() && e.metadata().type() == EntryType.HARDLINK && ++hops <= MAX_SYMLINK_HOPS) {
        FileEntry target = tree.get(TarPaths.normalize(e.metadata().linkname()));
        return target == null ? e : target;
      }
      if (todo.isEmpty()) {
        return e;
      }
    }
    return tree.get(cur);
  }
}
