package dev.sociscope.core.extract;

/**
 * What one extraction cost.
 *
 * @param compressedBytesRead bytes the extractor asked the source for (overlap bytes of neighbouring spans count
 *     twice); a source may receive more, e.g. from a registry that ignores ranges
 *     ({@link dev.sociscope.core.image.BlobRandomAccess#bytesFetched()} counts those)
 * @param firstSpan first span read, or -1 when none was needed
 * @param lastSpan last span read, or -1
 * @param bytesWritten file bytes written
 * @param wholeSpanBytes what the upstream runtime fetches for the same file: its spans whole, plus the gzip header
 *     (0 for an empty file)
 * @param allVerified whether every span read was checked against its digest (false when the last span was read only
 *     in part, see {@link SpanFetch#TO_FILE_END})
 * @param startedInsideSpan whether inflation started at a deflate block found inside the file's span rather than
 *     at the span's checkpoint (see {@link SpanFetch#TO_FILE_END})
 */
public record ExtractStats(long compressedBytesRead, int firstSpan, int lastSpan, long bytesWritten,
    long wholeSpanBytes, boolean allVerified, boolean startedInsideSpan) {
  public int spansTouched() {
    return firstSpan < 0 ? 0 : lastSpan - firstSpan + 1;
  }

  /** Compressed bytes not fetched compared with the upstream runtime's whole-span read (never negative). */
  public long savedAgainstWholeSpans() {
    return Math.max(0, wholeSpanBytes - compressedBytesRead);
  }
}
