package dev.sociscope.core.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An OCI image manifest or Docker v2 schema 2 manifest (same JSON shape). SOCI index manifests are image manifests
 * too (see {@code dev.sociscope.core.soci.SociIndex}).
 *
 * <pre>{@code
 * {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
 *  "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:b725…","size":385},
 *  "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:0944…","size":79494}],
 *  "annotations":{"com.amazon.soci.index-digest":"sha256:2fb8…"}}
 * }</pre>
 *
 * <p>Empty strings and maps mean "absent", as in Go. {@code mediaType} is what the JSON says (umoci writes none);
 * use {@link OciDocument#mediaType()} for the effective type.
 *
 * @param schemaVersion 2 for every supported manifest
 * @param mediaType the {@code mediaType} field; empty when absent
 * @param artifactType top-level artifact type; empty when absent
 * @param config the config descriptor
 * @param layers layer descriptors, base layer first
 * @param subject the manifest this one refers to, or null
 * @param annotations manifest annotations
 * @param unknownFields members this model does not know (kept for display, never written)
 */
public record ImageManifest(
    int schemaVersion,
    String mediaType,
    String artifactType,
    Descriptor config,
    List<Descriptor> layers,
    Descriptor subject,
    Map<String, String> annotations,
    Map<String, JsonNode> unknownFields) {

  public ImageManifest {
    mediaType = Objects.requireNonNullElse(mediaType, "");
    artifactType = Objects.requireNonNullElse(artifactType, "");
    Objects.requireNonNull(config, "config == null");
    layers = layers == null ? List.of() : List.copyOf(layers);
    annotations = Descriptor.copyOf(annotations);
    unknownFields = Descriptor.copyOf(unknownFields);
  }

  /** A manifest with schema version 2 and no subject, artifact type or unknown fields. */
  public static ImageManifest of(String mediaType, Descriptor config, List<Descriptor> layers,
      Map<String, String> annotations) {
    return new ImageManifest(2, mediaType, "", config, layers, null, annotations, Map.of());
  }

  /** The artifact type a registry derives for referrers lists: {@code artifactType}, else {@code config.mediaType}. */
  public String effectiveArtifactType() {
    return artifactType.isEmpty() ? config.mediaType() : artifactType;
  }

  public ImageManifest withMediaType(String newMediaType) {
    return new ImageManifest(schemaVersion, newMediaType, artifactType, config, layers, subject, annotations,
        unknownFields);
  }

  public ImageManifest withConfig(Descriptor newConfig) {
    return new ImageManifest(schemaVersion, mediaType, artifactType, newConfig, layers, subject, annotations,
        unknownFields);
  }

  public ImageManifest withAnnotations(Map<String, String> newAnnotations) {
    return new ImageManifest(schemaVersion, mediaType, artifactType, config, layers, subject, newAnnotations,
        unknownFields);
  }

  public ImageManifest withSubject(Descriptor newSubject) {
    return new ImageManifest(schemaVersion, mediaType, artifactType, config, layers, newSubject, annotations,
        unknownFields);
  }

  /** The annotation value, or null. */
  public String annotation(String key) {
    return annotations.get(key);
  }
}
