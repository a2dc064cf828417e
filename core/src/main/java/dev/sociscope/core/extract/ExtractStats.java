package dev.sociscope.core.extract;

/**
 * What one extraction cost.
 *
 * @param compressedBytesRead bytes fetched from the layer blob (overlap bytes of neighbouring spans count twice)
 * @param firstSpan first span read, or -1 when none was needed
 * @param lastSpan last span read, or -1
 * @param bytesWritten file bytes written
 */
public record ExtractStats(long compressedBytesRead, int firstSpan, int lastSpan, long bytesWritten) {
  public int spansTouched() {
    return firstSpan < 0 ? 0 : lastSpan - firstSpan + 1;
  }
}
