package dev.sociscope.core.profile;

import dev.sociscope.core.build.SpanSizeScan;
import dev.sociscope.core.extract.SpanRange;
import dev.sociscope.core.files.FileEntry;
import dev.sociscope.core.files.ImageFiles;
import dev.sociscope.core.image.ImageSource;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.soci.LayerRule;
import dev.sociscope.core.soci.SociDefaults;
import dev.sociscope.core.tar.TarPaths;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.Ztoc;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * Answers "what if the index had other options" for a start-up profile ({@link WhatIf}). Exact: each layer SOCI can
 * index is read once and its span geometry taken at every span size in that one pass ({@link SpanSizeScan}).
 * Estimated: from the zTOCs an existing index already has, with span boundaries at multiples of the span size and
 * compressed offsets interpolated between the recorded checkpoints; layers without a zTOC then count as pulled
 * whole at every span size.
 */
public final class WhatIfAnalyzer {
  /** The span sizes people choose between: 1, 2, 4, 8 and 16 MiB. */
  public static final List<Long> SPAN_SIZES = List.of(1L << 20, 2L << 20, 4L << 20, 8L << 20, 16L << 20);
  /** Min layer sizes worth comparing: none, 1, 5, 10 (the default) and 20 MiB. */
  public static final List<Long> MIN_LAYER_SIZES = List.of(0L, 1L << 20, 5L << 20, 10L << 20, 20L << 20);

  private WhatIfAnalyzer() {}

  /** Per layer: its TOC and its geometry per span size (null when SOCI cannot index it or it was not measured). */
  private record LayerGeometry(Descriptor layer, boolean measured, Map<Long, Zinfo> zinfos,
      Map<Long, Long> ztocBytes) {}

  /**
   * @param files the image's files (through its index, or none); used to resolve paths as the container sees them
   * @param minLayerSize the min layer size of the span-size rows
   * @param exact read every layer SOCI can index (a full download) instead of estimating from existing zTOCs
   */
  public static WhatIf analyze(ImageSource source, ImageFiles files, List<String> paths, List<Long> spanSizes,
      long minLayerSize, boolean exact, BooleanSupplier cancelled) throws IOException {
    List<LayerGeometry> layers = new ArrayList<>();
    for (ImageFiles.Layer l : files.layers()) {
      LayerRule.Decision rule = LayerRule.decide(l.descriptor(), 0);
      if (!rule.indexed()) {
        layers.add(new LayerGeometry(l.descriptor(), false, Map.of(), Map.of()));
      } else if (exact) {
        try (InputStream in = source.openBlob(l.descriptor().digest())) {
          SpanSizeScan.Result scan = SpanSizeScan.scan(in, spanSizes, n -> { }, cancelled);
          Map<Long, Long> sizes = new HashMap<>();
          for (long s : spanSizes) {
            sizes.put(s, scan.ztocBytes(s, SociDefaults.BUILD_TOOL_IDENTIFIER));
          }
          layers.add(new LayerGeometry(l.descriptor(), true, scan.zinfos(), sizes));
        }
      } else if (l.indexed()) {
        Ztoc ztoc = files.ztoc(l);
        Zinfo actual = Zinfo.of(ztoc);
        Map<Long, Zinfo> zinfos = new HashMap<>();
        Map<Long, Long> sizes = new HashMap<>();
        for (long s : spanSizes) {
          if (s == actual.spanSize()) { // the geometry the layer has: nothing to estimate
            zinfos.put(s, actual);
            sizes.put(s, l.ztocDescriptor().ztocSize());
            continue;
          }
          ScaledZinfo scaled = new ScaledZinfo(actual, s);
          zinfos.put(s, scaled);
          sizes.put(s, ScaledZinfo.ztocBytes(l.ztocDescriptor().ztocSize(), actual, scaled));
        }
        layers.add(new LayerGeometry(l.descriptor(), true, zinfos, sizes));
      } else {
        layers.add(new LayerGeometry(l.descriptor(), false, Map.of(), Map.of()));
      }
    }
    Map<Integer, List<FileMetadata>> needed = resolve(files, layers, paths, exact);
    List<WhatIf.SpanRow> spanRows = new ArrayList<>();
    for (long s : spanSizes) {
      spanRows.add(spanRow(layers, needed, s, minLayerSize));
    }
    long base = spanSizes.contains(SociDefaults.SPAN_SIZE) ? SociDefaults.SPAN_SIZE : spanSizes.get(0);
    List<WhatIf.MinSizeRow> minRows = new ArrayList<>();
    for (long min : MIN_LAYER_SIZES) {
      WhatIf.SpanRow r = spanRow(layers, needed, base, min);
      int indexed = 0;
      for (LayerGeometry g : layers) {
        indexed += g.measured() && LayerRule.decide(g.layer(), min).indexed() ? 1 : 0;
      }
      minRows.add(new WhatIf.MinSizeRow(min, indexed, r.lazyBytes()));
    }
    return new WhatIf(exact, spanRows, base, minRows, minLayerSize);
  }

  /** The data entries the profile reads, per layer position. */
  private static Map<Integer, List<FileMetadata>> resolve(ImageFiles files, List<LayerGeometry> layers,
      List<String> paths, boolean exact) throws IOException {
    TreeMap<String, FileEntry> tree = files.tree(exact);
    Map<Integer, List<FileMetadata>> out = new HashMap<>();
    for (String p : paths) {
      FileEntry e = StartupProfiler.resolve(tree, TarPaths.normalize(p));
      if (e == null || e.layer() < 0 || e.metadata().type() != EntryType.REG || e.metadata().uncompressedSize() <= 0) {
        continue;
      }
      out.computeIfAbsent(e.layer(), k -> new ArrayList<>()).add(e.metadata());
    }
    return out;
  }

  private static WhatIf.SpanRow spanRow(List<LayerGeometry> layers, Map<Integer, List<FileMetadata>> needed,
      long spanSize, long minLayerSize) {
    long ztocBytes = 0;
    long neededBytes = 0;
    long whole = 0;
    long requests = 0;
    List<WhatIf.LayerCost> costs = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      LayerGeometry g = layers.get(i);
      boolean indexed = g.measured() && LayerRule.decide(g.layer(), minLayerSize).indexed();
      if (!indexed) {
        whole += g.layer().size();
        costs.add(new WhatIf.LayerCost(g.layer().digest(), false, 0, List.of(), g.layer().size(), 0));
        continue;
      }
      Zinfo z = g.zinfos().get(spanSize);
      ztocBytes += g.ztocBytes().get(spanSize);
      long layerBytes = 0;
      List<SpanRange> ranges = new ArrayList<>();
      for (FileMetadata f : needed.getOrDefault(i, List.of())) {
        ranges.add(SpanRange.of(z, f.uncompressedOffset(), f.uncompressedSize()));
      }
      List<SpanRange> merged = StartupProfiler.merge(ranges);
      if (!merged.isEmpty()) {
        layerBytes += SpanRange.headerBytes(z);
        for (SpanRange r : merged) {
          layerBytes += r.fetchedBytes(z);
        }
        requests += merged.size();
      }
      neededBytes += layerBytes;
      costs.add(new WhatIf.LayerCost(g.layer().digest(), true, g.ztocBytes().get(spanSize), merged, layerBytes,
          merged.size()));
    }
    return new WhatIf.SpanRow(spanSize, ztocBytes, neededBytes, ztocBytes + neededBytes + whole, requests, costs);
  }
}
