package dev.sociscope.core.soci;

/**
 * Upstream's defaults (spec 1.2), the one place sociscope keeps them: the CLI's option defaults, the GUI's wizard,
 * the zTOC builder and the layer-status inference all read them from here.
 */
public final class SociDefaults {
  /** Target span size: 4 MiB of uncompressed bytes. */
  public static final long SPAN_SIZE = 4L << 20;
  /** Min layer size: 10 MiB of compressed bytes (a layer of exactly this size is indexed). */
  public static final long MIN_LAYER_SIZE = 10L << 20;
  /** The build tool id the upstream CLI writes into the index annotation and each zTOC. */
  public static final String BUILD_TOOL_IDENTIFIER = "AWS SOCI CLI v0.2";
  /** {@link #SPAN_SIZE} as text, for option defaults that must be compile-time constants. */
  public static final String SPAN_SIZE_TEXT = "" + SPAN_SIZE;
  /** {@link #MIN_LAYER_SIZE} as text, for option defaults that must be compile-time constants. */
  public static final String MIN_LAYER_SIZE_TEXT = "" + MIN_LAYER_SIZE;

  private SociDefaults() {}
}
