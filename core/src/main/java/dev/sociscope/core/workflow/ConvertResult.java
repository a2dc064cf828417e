package dev.sociscope.core.workflow;

import dev.sociscope.core.soci.SociConvert;
import java.util.List;

/**
 * The outcome of a conversion.
 *
 * @param destination where the SOCI-enabled image was written (display form)
 * @param conversion the new image index and rewritten manifests
 * @param indexes the v2 indexes built, one per converted platform
 * @param skippedPlatforms platforms without any indexable layer (text lines)
 * @param skippedBecause why nothing was converted ({@link ExistingIndexPolicy#SKIP}), else null; then
 *     {@code conversion} is null and {@code indexes} empty
 */
public record ConvertResult(String destination, SociConvert.Result conversion, List<CreatedIndex> indexes,
    List<String> skippedPlatforms, String skippedBecause) {
  public ConvertResult {
    indexes = List.copyOf(indexes);
    skippedPlatforms = List.copyOf(skippedPlatforms);
  }

  /** What this conversion writes (or, after a dry run, would write). */
  public ConvertPreview preview() {
    return ConvertPreview.of(this);
  }
}
