package dev.sociscope.core.gzip;

import dev.sociscope.core.error.CorruptInputException;


/** The compressed stream is corrupt, truncated or followed by garbage. The message names the byte offset. */
public class GzipFormatException extends CorruptInputException {
  private final long offset;
  private final boolean truncated;

  public GzipFormatException(String message, long offset) {
    this(message, offset, false);
  }

  GzipFormatException(String message, long offset, boolean truncated) {
    super(message + " (at compressed offset " + offset + ")");
    this.offset = offset;
    this.truncated = truncated;
  }

  /** Compressed byte offset (from the start of the blob) where the problem was found. */
  public long offset() {
    return offset;
  }

  /** True when the input simply ended too early. */
  public boolean isTruncated() {
    return truncated;
  }
}
