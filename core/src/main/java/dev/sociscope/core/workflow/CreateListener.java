package dev.sociscope.core.workflow;

import dev.sociscope.core.oci.Descriptor;

/**
 * Progress of index builds and pushes. Called from worker threads (one per layer being built); implementations
 * must be thread-safe. Every method has an empty default.
 */
public interface CreateListener {
  CreateListener NONE = new CreateListener() {};

  /** A layer starts downloading and building ({@code total} = its compressed size). */
  default void layerStarted(Descriptor layer, long total) {}

  /** {@code done} of {@code total} compressed bytes of the layer were read. */
  default void layerProgress(Descriptor layer, long done, long total) {}

  /** A line as upstream prints it ({@code layer ... -> ztoc ...}, {@code ztoc skipped ...}, push steps). */
  default void message(String line) {}
}
