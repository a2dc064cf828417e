package dev.sociscope.core.gzip;

/**
 * A point where the inflater can be paused and later resumed (spec 5.2): right after a gzip member header, or right
 * after a deflate block's end-of-block code.
 *
 * @param compressedOffset first compressed byte not fully consumed ("in")
 * @param bits unused high-order bits (0..7) of the byte at {@code compressedOffset - 1}
 * @param uncompressedOffset bytes of output produced so far, across members ("out")
 * @param finalBlock the block that just ended had BFINAL set (no checkpoint may be placed here)
 * @param afterHeader this pause follows a gzip member header rather than a block
 */
public record BlockBoundary(long compressedOffset, int bits, long uncompressedOffset, boolean finalBlock,
    boolean afterHeader) {}
