package dev.sociscope.core.soci;

import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.ImageManifest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.MediaType.Compression;
import dev.sociscope.core.oci.OciJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a SOCI index manifest byte for byte as upstream's {@code soci create} (v1) and {@code soci convert} (v2)
 * do (spec 1.3, 1.4, 2.2, 3.1). zTOC building itself is delegated to a {@link ZtocMaker}.
 *
 * <p>Per layer of the image manifest, in this order: prefetch-typed descriptors are ignored; a non-layer media type
 * fails the whole build; {@code size < minLayerSize} skips the layer; zstd and other unsupported compressions skip
 * it; otherwise the maker builds a zTOC. Skipped layers leave no gap in the index.
 *
 * <pre>{@code
 * SociIndexBuild build = SociIndexBuilder.build(manifestDescriptor, manifest.layers(),
 *     SociIndexOptions.defaults(SociVersion.V1), (layer, compression) -> ztocService.build(layer, compression));
 * build.messages().forEach(System.out::println);
 * push(build.bytes());
 * }</pre>
 */
public final class SociIndexBuilder {

  /**
   * Builds (or finds) the zTOC of one layer. Called only for layers that are to be indexed.
   *
   * @param <E> the checked exception the maker may throw (I/O, registry, zTOC format)
   */
  @FunctionalInterface
  public interface ZtocMaker<E extends Exception> {
    BuiltZtoc make(Descriptor layer, Compression compression) throws E;
  }

  private SociIndexBuilder() {}

  /** Builds an index without prefetch artifacts. */
  public static <E extends Exception> SociIndexBuild build(Descriptor imageManifest, List<Descriptor> layers,
      SociIndexOptions options, ZtocMaker<E> maker) throws E, SociBuildException {
    return build(imageManifest, layers, options, maker, List.of());
  }

  /**
   * Builds an index.
   *
   * @param imageManifest descriptor of the image manifest as fetched (media type, digest and size of its exact
   *     bytes); becomes the v1 {@code subject}, other fields are dropped
   * @param layers the image manifest's {@code layers}
   * @param prefetches already built prefetch artifacts; listed after the zTOCs in image layer order
   * @throws SociBuildException when a descriptor is not a layer
   * @throws EmptySociIndexException when no layer produced a zTOC
   */
  public static <E extends Exception> SociIndexBuild build(Descriptor imageManifest, List<Descriptor> layers,
      SociIndexOptions options, ZtocMaker<E> maker, List<PrefetchDescriptor> prefetches)
      throws E, SociBuildException {
    Objects.requireNonNull(imageManifest, "imageManifest == null");
    LayerDecision[] decisions = classifyAll(layers, options);
    for (int i = 0; i < decisions.length; i++) {
      if (decisions[i] == null) {
        Descriptor layer = layers.get(i);
        decisions[i] = indexed(i, layer, options, maker.make(layer, MediaType.compressionOf(layer.mediaType())));
      }
    }
    return assemble(imageManifest, layers, options, List.of(decisions), prefetches);
  }

  /** Decides every layer that gets no zTOC; null entries need one. Fails before any zTOC is made. */
  private static LayerDecision[] classifyAll(List<Descriptor> layers, SociIndexOptions options)
      throws SociBuildException {
    LayerDecision[] decisions = new LayerDecision[layers.size()];
    for (int i = 0; i < decisions.length; i++) {
      decisions[i] = classify(i, layers.get(i), options);
    }
    return decisions;
  }

  private static SociIndexBuild assemble(Descriptor imageManifest, List<Descriptor> layers, SociIndexOptions options,
      List<LayerDecision> decisions, List<PrefetchDescriptor> prefetches) throws SociBuildException {
    List<Descriptor> indexLayers = new ArrayList<>();
    for (LayerDecision decision : decisions) {
      if (decision.ztoc() != null) {
        indexLayers.add(decision.ztoc().descriptor());
      }
    }
    if (indexLayers.isEmpty()) {
      throw new EmptySociIndexException();
    }
    indexLayers.addAll(prefetchesInLayerOrder(layers, prefetches));

    Descriptor config = Descriptor.of(options.version().artifactType(), SociAnnotations.EMPTY_JSON_DIGEST,
        SociAnnotations.EMPTY_JSON.length);
    Descriptor subject = options.version() == SociVersion.V1 ? imageManifest.stripped() : null;
    ImageManifest manifest = new ImageManifest(2, MediaType.OCI_MANIFEST, "", config, indexLayers, subject,
        Map.of(SociAnnotations.BUILD_TOOL_IDENTIFIER, options.buildToolIdentifier()), Map.of());
    byte[] bytes = OciJson.write(manifest);
    return new SociIndexBuild(bytes, fromOwnManifest(manifest), decisions);
  }

  /** The decision for a layer that gets no zTOC, or null when it needs one ({@link LayerRule}). */
  private static LayerDecision classify(int position, Descriptor layer, SociIndexOptions options)
      throws SociBuildException {
    LayerRule.Decision rule = LayerRule.decide(layer, options.minLayerSize());
    if (rule.failsBuild()) {
      throw new SociBuildException("layer " + layer.digest() + " (layers[" + position + "]) has media type '"
          + layer.mediaType() + "': not a layer mediaType");
    }
    return rule.indexed() ? null : new LayerDecision(position, layer, rule, null, rule.upstreamMessage());
  }

  private static LayerDecision indexed(int position, Descriptor layer, SociIndexOptions options, BuiltZtoc built)
      throws SociBuildException {
    if (built == null) {
      throw new SociBuildException("no zTOC was built for layer " + layer.digest());
    }
    String mediaType = layer.mediaType();
    Map<String, String> annotations = new LinkedHashMap<>();
    if (options.xattrOptimization() && built.xattrsCanBeDisabled()) {
      annotations.put(SociAnnotations.DISABLE_XATTRS, "true");
    }
    annotations.put(SociAnnotations.IMAGE_LAYER_DIGEST, layer.digest().toString());
    annotations.put(SociAnnotations.IMAGE_LAYER_MEDIA_TYPE, mediaType);
    annotations.put(SociAnnotations.SPAN_SIZE, Long.toString(options.spanSize()));
    Descriptor ztocDescriptor = Descriptor.of(MediaType.ZTOC, built.digest(), built.size())
        .withAnnotations(annotations);
    ZtocDescriptor ztoc = new ZtocDescriptor(ztocDescriptor, layer.digest(), mediaType, options.spanSize(),
        annotations.containsKey(SociAnnotations.DISABLE_XATTRS));
    String message = "layer " + layer.digest() + " -> ztoc " + built.digest()
        + (built.alreadyExisted() ? " (already exists)" : "");
    return new LayerDecision(position, layer, LayerRule.decide(layer, options.minLayerSize()), ztoc, message);
  }

  private static List<Descriptor> prefetchesInLayerOrder(List<Descriptor> layers,
      List<PrefetchDescriptor> prefetches) {
    List<PrefetchDescriptor> sorted = new ArrayList<>(prefetches);
    sorted.sort(Comparator.comparingInt(p -> positionOf(layers, p)));
    List<Descriptor> out = new ArrayList<>();
    for (PrefetchDescriptor p : sorted) {
      out.add(p.descriptor());
    }
    return out;
  }

  private static int positionOf(List<Descriptor> layers, PrefetchDescriptor p) {
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i).digest().equals(p.layerDigest())) {
        return i;
      }
    }
    return Integer.MAX_VALUE;
  }

  private static SociIndex fromOwnManifest(ImageManifest manifest) {
    try {
      return SociIndex.from(manifest);
    } catch (SociFormatException e) {
      throw new IllegalStateException("the builder wrote an index it cannot read", e);
    }
  }
}
