package dev.sociscope.core.soci;

import dev.sociscope.core.oci.Descriptor;
import java.util.Objects;

/**
 * What the index builder did with one descriptor of the image manifest's {@code layers} (spec 1.3, 1.4).
 *
 * @param position index in the image manifest's {@code layers}
 * @param layer the image layer descriptor
 * @param rule {@link LayerRule}'s decision for the layer: indexed or why not
 * @param ztoc the zTOC descriptor written into the index, or null when not indexed
 * @param message the line upstream's CLI prints for this layer, or null when it prints none
 */
public record LayerDecision(int position, Descriptor layer, LayerRule.Decision rule, ZtocDescriptor ztoc,
    String message) {

  public LayerDecision {
    Objects.requireNonNull(layer, "layer == null");
    Objects.requireNonNull(rule, "rule == null");
  }

  public LayerRule.Verdict verdict() {
    return rule.verdict();
  }

  public boolean indexed() {
    return rule.indexed();
  }
}
