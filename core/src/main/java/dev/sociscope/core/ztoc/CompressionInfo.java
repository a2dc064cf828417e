package dev.sociscope.core.ztoc;

import java.util.List;

/**
 * The zInfo part of a zTOC as stored: algorithm, span count, span digests and the opaque checkpoint bytes
 * (a gzip checkpoint blob or a nested TarZinfo buffer). {@link Zinfo#parse} decodes the latter.
 */
public record CompressionInfo(
    CompressionAlgorithm algorithm, int maxSpanId, List<String> spanDigests, byte[] checkpoints) {

  public CompressionInfo {
    spanDigests = List.copyOf(spanDigests);
    checkpoints = checkpoints.clone();
  }

  @Override
  public byte[] checkpoints() {
    return checkpoints.clone();
  }

  public int spanCount() {
    return maxSpanId + 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CompressionInfo c
        && c.algorithm == algorithm
        && c.maxSpanId == maxSpanId
        && c.spanDigests.equals(spanDigests)
        && java.util.Arrays.equals(c.checkpoints, checkpoints);
  }

  @Override
  public int hashCode() {
    return algorithm.hashCode() * 31 + maxSpanId;
  }

  @Override
  public String toString() {
    return "CompressionInfo[" + algorithm.displayName() + ", spans=" + spanCount() + ", checkpointBytes="
        + checkpoints.length + "]";
  }
}
