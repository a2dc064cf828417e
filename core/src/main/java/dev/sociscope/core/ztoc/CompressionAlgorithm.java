package dev.sociscope.core.ztoc;

/** How a layer blob is compressed, as the zTOC's CompressionInfo enum stores it (absent means GZIP). */
public enum CompressionAlgorithm {
  GZIP((byte) 1, "gzip"),
  UNCOMPRESSED((byte) 2, "uncompressed");

  private final byte wireValue;
  private final String displayName;

  CompressionAlgorithm(byte wireValue, String displayName) {
    this.wireValue = wireValue;
    this.displayName = displayName;
  }

  public byte wireValue() {
    return wireValue;
  }

  /** Upstream's lower-case name: {@code gzip} or {@code uncompressed}. */
  public String displayName() {
    return displayName;
  }

  public static CompressionAlgorithm fromWireValue(int value) throws ZtocFormatException {
    for (CompressionAlgorithm a : values()) {
      if (a.wireValue == value) {
        return a;
      }
    }
    throw new ZtocFormatException("unknown compression algorithm " + value + " (expected 1=gzip or 2=uncompressed)");
  }
}
