package dev.sociscope.core.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An OCI image index or a Docker manifest list (same JSON shape); also the body of referrers responses and
 * fallback tags.
 *
 * <pre>{@code
 * {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
 *  {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:3c7f…","size":993,
 *   "platform":{"architecture":"amd64","os":"linux"}}]}
 * }</pre>
 *
 * @param schemaVersion 2
 * @param mediaType the {@code mediaType} field; empty when absent
 * @param artifactType top-level artifact type; empty when absent
 * @param manifests the entries, in document order
 * @param subject the subject, or null
 * @param annotations index annotations
 * @param unknownFields members this model does not know (kept for display, never written)
 */
public record ImageIndex(
    int schemaVersion,
    String mediaType,
    String artifactType,
    List<Descriptor> manifests,
    Descriptor subject,
    Map<String, String> annotations,
    Map<String, JsonNode> unknownFields) {

  public ImageIndex {
    mediaType = Objects.requireNonNullElse(mediaType, "");
    artifactType = Objects.requireNonNullElse(artifactType, "");
    manifests = manifests == null ? List.of() : List.copyOf(manifests);
    annotations = Descriptor.copyOf(annotations);
    unknownFields = Descriptor.copyOf(unknownFields);
  }

  /** An OCI index (schema 2) with these entries and nothing else. */
  public static ImageIndex of(List<Descriptor> manifests) {
    return new ImageIndex(2, MediaType.OCI_INDEX, "", manifests, null, Map.of(), Map.of());
  }

  public ImageIndex withManifests(List<Descriptor> newManifests) {
    return new ImageIndex(schemaVersion, mediaType, artifactType, newManifests, subject, annotations,
        unknownFields);
  }

  public ImageIndex withMediaType(String newMediaType) {
    return new ImageIndex(schemaVersion, newMediaType, artifactType, manifests, subject, annotations,
        unknownFields);
  }

  /** The annotation value, or null. */
  public String annotation(String key) {
    return annotations.get(key);
  }
}
