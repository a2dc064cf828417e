package dev.sociscope.core.files;

import dev.sociscope.core.oci.Digest;
import java.time.Duration;

/**
 * What reading one file from an image cost.
 *
 * @param path the file read (cleaned)
 * @param layer the layer it came from
 * @param lazy true when read through a zTOC with range requests; false for the streaming fallback
 * @param fileSize bytes of the file
 * @param bytesFetched compressed bytes fetched from the layer blob (the scan of layers without a zTOC included)
 * @param requests range requests (or blob streams) made
 * @param firstSpan first span read, -1 when none
 * @param lastSpan last span read, -1 when none
 * @param spanSize the zTOC's span size, 0 for the fallback
 * @param layerSize compressed size of the layer blob
 * @param fileCompressedEstimate compressed bytes that hold the file itself (its share of the layer), for comparing
 * @param elapsed wall time of the read
 * @param mode the tar mode of the entry whose data was read (hard links and followed symlinks resolved), for
 *     writing the file out with its permission bits
 * @param wholeSpanBytes what the upstream runtime fetches for the same read: the file's spans whole (0 for the
 *     fallback)
 * @param verified whether every byte used was checked against a digest (false when the last span was read only up
 *     to the file's end, see {@link dev.sociscope.core.extract.SpanFetch})
 * @param rangeIgnored whether the source answered a range request with the whole blob
 * @param startedInsideSpan whether inflation started at a deflate block inside the last span, not at its checkpoint
 */
public record ReadStats(String path, Digest layer, boolean lazy, long fileSize, long bytesFetched, int requests,
    int firstSpan, int lastSpan, long spanSize, long layerSize, long fileCompressedEstimate,
    Duration elapsed, long mode, long wholeSpanBytes, boolean verified, boolean rangeIgnored,
    boolean startedInsideSpan) {

  /** A read with nothing partial: everything verified by a digest, no range ignored. */
  public ReadStats(String path, Digest layer, boolean lazy, long fileSize, long bytesFetched, int requests,
      int firstSpan, int lastSpan, long spanSize, long layerSize, long fileCompressedEstimate, Duration elapsed,
      long mode) {
    this(path, layer, lazy, fileSize, bytesFetched, requests, firstSpan, lastSpan, spanSize, layerSize,
        fileCompressedEstimate, elapsed, mode, 0, true, false, false);
  }

  /** Compressed bytes not fetched compared with the upstream runtime's whole-span read (0 for the fallback). */
  public long savedAgainstWholeSpans() {
    return Math.max(0, wholeSpanBytes - bytesFetched);
  }

  /** Spans fetched and verified (0 for the fallback). */
  public int spans() {
    return firstSpan < 0 ? 0 : lastSpan - firstSpan + 1;
  }

  /** Bytes not fetched compared with downloading the whole layer. */
  public long bytesSaved() {
    return Math.max(0, layerSize - bytesFetched);
  }
}
