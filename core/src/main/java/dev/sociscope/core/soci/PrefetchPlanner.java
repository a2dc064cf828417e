package dev.sociscope.core.soci;

import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.tar.TarPaths;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.Ztoc;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Plans prefetch artifacts from file paths (spec 3.7): normalise each path, find it in the topmost indexed layer
 * whose TOC has that exact name, turn the file into an inclusive span range, merge ranges per layer, and make one
 * prefetch blob per layer that has ranges.
 */
public final class PrefetchPlanner {

  /**
   * An indexed layer, in image manifest order.
   *
   * @param layerDigest the image layer
   * @param ztoc its zTOC
   * @param zinfo the zTOC's span geometry
   */
  public record IndexedLayer(Digest layerDigest, Ztoc ztoc, Zinfo zinfo) {
    public IndexedLayer {
      Objects.requireNonNull(layerDigest, "layerDigest == null");
      Objects.requireNonNull(ztoc, "ztoc == null");
      Objects.requireNonNull(zinfo, "zinfo == null");
    }
  }

  /**
   * The prefetch blob of one layer and its descriptor for the index's {@code layers}.
   *
   * @param bytes the blob to store/push
   */
  public record LayerPrefetch(PrefetchDescriptor descriptor, PrefetchArtifact artifact, byte[] bytes) {
    public LayerPrefetch {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }
  }

  /**
   * The plan.
   *
   * @param prefetches one per layer with ranges, in image layer order
   * @param warnings one per path not found in any indexed layer
   */
  public record Plan(List<LayerPrefetch> prefetches, List<String> warnings) {
    public Plan {
      prefetches = List.copyOf(prefetches);
      warnings = List.copyOf(warnings);
    }

    /** The descriptors to pass to {@link SociIndexBuilder}. */
    public List<PrefetchDescriptor> descriptors() {
      List<PrefetchDescriptor> out = new ArrayList<>();
      for (LayerPrefetch p : prefetches) {
        out.add(p.descriptor());
      }
      return out;
    }
  }

  private PrefetchPlanner() {}

  public static Plan plan(List<String> paths, List<IndexedLayer> layers) {
    List<List<PrefetchArtifact.Span>> ranges = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      ranges.add(new ArrayList<>());
    }
    List<String> warnings = new ArrayList<>();
    for (String path : paths) {
      String name = normalize(path);
      boolean found = false;
      for (int i = layers.size() - 1; i >= 0 && !found; i--) {
        IndexedLayer layer = layers.get(i);
        for (FileMetadata file : layer.ztoc().files()) {
          if (file.name().equals(name)) {
            int start = layer.zinfo().spanOf(file.uncompressedOffset());
            int end = Math.max(start, layer.zinfo().spanOf(file.uncompressedOffset() + file.uncompressedSize()));
            ranges.get(i).add(new PrefetchArtifact.Span(start, end, 0));
            found = true;
            break;
          }
        }
      }
      if (!found) {
        warnings.add("prefetch file " + path + " (" + name + ") not found in any indexed layer");
      }
    }
    List<LayerPrefetch> out = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      if (ranges.get(i).isEmpty()) {
        continue;
      }
      PrefetchArtifact artifact = PrefetchArtifact.of(merge(ranges.get(i)));
      byte[] bytes = artifact.toBytes();
      Digest layerDigest = layers.get(i).layerDigest();
      Descriptor d = Descriptor.of(MediaType.SOCI_PREFETCH, bytes)
          .withAnnotation(SociAnnotations.IMAGE_LAYER_DIGEST, layerDigest.toString());
      out.add(new LayerPrefetch(new PrefetchDescriptor(d, layerDigest), artifact, bytes));
    }
    return new Plan(out, warnings);
  }

  /** Sorts by (start, end) and merges a range into the previous one when {@code next.start <= current.end + 1}. */
  static List<PrefetchArtifact.Span> merge(List<PrefetchArtifact.Span> spans) {
    List<PrefetchArtifact.Span> sorted = new ArrayList<>(spans);
    sorted.sort(Comparator.comparingInt(PrefetchArtifact.Span::startSpan)
        .thenComparingInt(PrefetchArtifact.Span::endSpan));
    List<PrefetchArtifact.Span> out = new ArrayList<>();
    for (PrefetchArtifact.Span s : sorted) {
      if (!out.isEmpty() && s.startSpan() <= (long) out.get(out.size() - 1).endSpan() + 1) {
        PrefetchArtifact.Span last = out.remove(out.size() - 1);
        out.add(new PrefetchArtifact.Span(last.startSpan(), Math.max(last.endSpan(), s.endSpan()), 0));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** Go's {@code strings.TrimPrefix(path.Clean("/" + p), "/")}: {@code /app/./x} becomes {@code app/x}. */
  public static String normalize(String path) {
    return TarPaths.normalize(path);
  }
}
