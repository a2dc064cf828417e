package dev.sociscope.core.soci;

import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The result of {@link SociIndexBuilder}: the canonical index manifest bytes, their digest, the parsed index, and
 * one decision per image layer.
 */
public final class SociIndexBuild {
  private final byte[] bytes;
  private final Digest digest;
  private final SociIndex index;
  private final List<LayerDecision> decisions;

  SociIndexBuild(byte[] bytes, SociIndex index, List<LayerDecision> decisions) {
    this.bytes = bytes.clone();
    this.digest = Digest.of(bytes);
    this.index = Objects.requireNonNull(index);
    this.decisions = List.copyOf(decisions);
  }

  /** The index manifest exactly as it must be stored and pushed (Go JSON, compact). */
  public byte[] bytes() {
    return bytes.clone();
  }

  public Digest digest() {
    return digest;
  }

  public int size() {
    return bytes.length;
  }

  public SociIndex index() {
    return index;
  }

  /** {@code {mediaType: OCI manifest, digest, size}} of the index manifest. */
  public Descriptor descriptor() {
    return Descriptor.of(dev.sociscope.core.oci.MediaType.OCI_MANIFEST, digest, bytes.length);
  }

  /** One entry per descriptor of the image manifest's {@code layers}, in order. */
  public List<LayerDecision> decisions() {
    return decisions;
  }

  /** The lines upstream's CLI prints, one per layer that got one (spec 1.4). */
  public List<String> messages() {
    List<String> out = new ArrayList<>();
    for (LayerDecision d : decisions) {
      if (d.message() != null) {
        out.add(d.message());
      }
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SociIndexBuild && Arrays.equals(bytes, ((SociIndexBuild) o).bytes);
  }

  @Override
  public int hashCode() {
    return digest.hashCode();
  }

  @Override
  public String toString() {
    return "SOCI index " + index.version() + " " + digest + " (" + index.ztocs().size() + " zTOCs)";
  }
}
