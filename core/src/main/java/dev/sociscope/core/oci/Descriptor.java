package dev.sociscope.core.oci;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An OCI content descriptor: what a manifest, index or referrers list says about one blob or manifest.
 *
 * <pre>{@code
 * {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:3c6e…","size":872,
 *  "annotations":{"com.amazon.soci.index-digest":"sha256:2fb8…"},"platform":{"architecture":"amd64","os":"linux"},
 *  "artifactType":"application/vnd.amazon.soci.index.v2+json"}
 * }</pre>
 *
 * <p>As in Go's {@code ocispec.Descriptor}, an empty string, list or map means "absent"; {@code platform} is null
 * when absent. Go writes {@code mediaType}, {@code digest} and {@code size} always, even when empty.
 *
 * @param mediaType the media type of the referenced content; empty when the JSON had none
 * @param digest digest of the referenced content
 * @param size its length in bytes
 * @param urls alternative download locations
 * @param annotations arbitrary metadata, in the order read (writers sort by key bytes)
 * @param data embedded content in canonical standard base64 (with padding); empty when absent
 * @param platform the platform of an index entry, or null
 * @param artifactType the artifact type (referrers lists, SOCI-enabled indexes); empty when absent
 * @param unknownFields JSON members this model does not know, kept for display; never re-serialized
 */
public record Descriptor(
    String mediaType,
    Digest digest,
    long size,
    List<String> urls,
    Map<String, String> annotations,
    String data,
    Platform platform,
    String artifactType,
    Map<String, JsonNode> unknownFields) {

  public Descriptor {
    mediaType = Objects.requireNonNullElse(mediaType, "");
    Objects.requireNonNull(digest, "digest == null");
    if (size < 0) {
      throw new IllegalArgumentException("descriptor size must not be negative: " + size);
    }
    urls = urls == null ? List.of() : List.copyOf(urls);
    annotations = copyOf(annotations);
    data = Objects.requireNonNullElse(data, "");
    artifactType = Objects.requireNonNullElse(artifactType, "");
    unknownFields = copyOf(unknownFields);
  }

  /** A plain descriptor with only media type, digest and size. */
  public static Descriptor of(String mediaType, Digest digest, long size) {
    return new Descriptor(mediaType, digest, size, List.of(), Map.of(), "", null, "", Map.of());
  }

  /** The descriptor of exactly these bytes. */
  public static Descriptor of(String mediaType, byte[] content) {
    return of(mediaType, Digest.of(content), content.length);
  }

  public Descriptor withAnnotations(Map<String, String> newAnnotations) {
    return new Descriptor(mediaType, digest, size, urls, newAnnotations, data, platform, artifactType,
        unknownFields);
  }

  /** A copy with one more (or replaced) annotation. */
  public Descriptor withAnnotation(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(annotations);
    copy.put(key, value);
    return withAnnotations(copy);
  }

  public Descriptor withPlatform(Platform newPlatform) {
    return new Descriptor(mediaType, digest, size, urls, annotations, data, newPlatform, artifactType,
        unknownFields);
  }

  public Descriptor withArtifactType(String newArtifactType) {
    return new Descriptor(mediaType, digest, size, urls, annotations, data, platform, newArtifactType,
        unknownFields);
  }

  public Descriptor withMediaType(String newMediaType) {
    return new Descriptor(newMediaType, digest, size, urls, annotations, data, platform, artifactType,
        unknownFields);
  }

  /** A copy pointing at other content (digest and size), all else kept. */
  public Descriptor withContent(Digest newDigest, long newSize) {
    return new Descriptor(mediaType, newDigest, newSize, urls, annotations, data, platform, artifactType,
        unknownFields);
  }

  /** Only {@code mediaType}, {@code digest} and {@code size}: the form used for a {@code subject}. */
  public Descriptor stripped() {
    return of(mediaType, digest, size);
  }

  /** The annotation value, or null. */
  public String annotation(String key) {
    return annotations.get(key);
  }

  static <V> Map<String, V> copyOf(Map<String, V> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    for (Map.Entry<String, V> e : map.entrySet()) {
      Objects.requireNonNull(e.getKey(), "map key == null");
      Objects.requireNonNull(e.getValue(), "map value == null");
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
