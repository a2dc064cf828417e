package dev.sociscope.core.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A legacy OCI artifact manifest ({@code application/vnd.oci.artifact.manifest.v1+json}), dropped from the final
 * OCI 1.1 spec. SOCI indexes written before mid-2023 may use it (spec 2.4); current upstream cannot load them, so
 * this model is for read-only display.
 *
 * <pre>{@code
 * {"mediaType":"application/vnd.oci.artifact.manifest.v1+json","artifactType":"application/vnd.amazon.soci.index.v1+json",
 *  "blobs":[{"mediaType":"application/octet-stream","digest":"sha256:0b7e…","size":951200,"annotations":{…}}],
 *  "subject":{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:e81c…","size":1614},
 *  "annotations":{"com.amazon.soci.build-tool-identifier":"AWS SOCI CLI v0.2"}}
 * }</pre>
 *
 * @param mediaType the {@code mediaType} field
 * @param artifactType the artifact type (for SOCI: the v1 index type)
 * @param blobs the referenced blobs (for SOCI: zTOCs)
 * @param subject the subject, or null
 * @param annotations manifest annotations
 */
public record ArtifactManifest(String mediaType, String artifactType, List<Descriptor> blobs, Descriptor subject,
    Map<String, String> annotations) {

  public ArtifactManifest {
    mediaType = Objects.requireNonNullElse(mediaType, "");
    artifactType = Objects.requireNonNullElse(artifactType, "");
    blobs = blobs == null ? List.of() : List.copyOf(blobs);
    annotations = Descriptor.copyOf(annotations);
  }

  /** Reads an artifact manifest from its parsed JSON tree. */
  public static ArtifactManifest from(JsonNode node) throws OciFormatException {
    String where = "artifact manifest";
    // Reuse the index reader for the shared members; "blobs" is read like "manifests".
    ImageIndex shared = OciJson.indexFrom(node, where);
    List<Descriptor> blobs = List.of();
    JsonNode blobsNode = node.get("blobs");
    if (blobsNode != null && !blobsNode.isNull()) {
      if (!blobsNode.isArray()) {
        throw new OciFormatException(where + ": blobs: expected an array, got " + OciJson.kind(blobsNode));
      }
      blobs = new java.util.ArrayList<>();
      for (int i = 0; i < blobsNode.size(); i++) {
        blobs.add(OciJson.descriptorFrom(blobsNode.get(i), where + ": blobs[" + i + "]"));
      }
    }
    return new ArtifactManifest(shared.mediaType(), shared.artifactType(), blobs, shared.subject(),
        shared.annotations());
  }
}
