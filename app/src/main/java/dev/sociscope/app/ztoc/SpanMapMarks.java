package dev.sociscope.app.ztoc;

import java.util.BitSet;

/**
 * Prefetch spans the span map colours for the open layer: those of the image index's prefetch artifact for this
 * layer (what the runtime fetches before the container starts) and those the image's start-up profile needs.
 *
 * @param artifact spans listed by the existing prefetch artifact (empty when the index has none for this layer)
 * @param profile spans the current profile's files need in this layer (empty without a profile)
 */
public record SpanMapMarks(BitSet artifact, BitSet profile) {
  public static final SpanMapMarks NONE = new SpanMapMarks(new BitSet(), new BitSet());

  public SpanMapMarks {
    artifact = (BitSet) artifact.clone();
    profile = (BitSet) profile.clone();
  }

  @Override
  public BitSet artifact() {
    return (BitSet) artifact.clone();
  }

  @Override
  public BitSet profile() {
    return (BitSet) profile.clone();
  }

  /** Inclusive span ranges {@code [first, last]} as a set. */
  public static BitSet of(java.util.List<int[]> ranges) {
    BitSet set = new BitSet();
    for (int[] r : ranges) {
      set.set(r[0], r[1] + 1);
    }
    return set;
  }
}
