package dev.sociscope.core.ztoc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * The checkpoints of a gzip checkpoint blob (spec 5.1), read in place: the offsets and bits of every checkpoint up
 * front (the span geometry every read needs), a checkpoint's 32 KiB window only when that checkpoint is taken. A
 * read of one file inflates from one or two of a layer's hundreds of checkpoints; copying every window made an
 * 11 MB zTOC cost another 11 MB of fresh memory before the read's first byte.
 */
final class CheckpointList extends AbstractList<Checkpoint> implements RandomAccess {
  private static final int NO_WINDOW = -1;
  private final byte[] blob;
  private final long[] compressedOffset;
  private final long[] uncompressedOffset;
  private final byte[] bits;
  /** Where each window starts in {@code blob}; {@link #NO_WINDOW} for the legacy layout's checkpoint 0. */
  private final int[] windowAt;
  /** Checkpoints taken so far (immutable, so a race only makes one twice). */
  private final Checkpoint[] taken;

  private CheckpointList(byte[] blob, int count) {
    this.blob = blob;
    this.compressedOffset = new long[count];
    this.uncompressedOffset = new long[count];
    this.bits = new byte[count];
    this.windowAt = new int[count];
    this.taken = new Checkpoint[count];
  }

  /**
   * The {@code count} records of {@link GzipZinfo#RECORD_SIZE} bytes at {@code at} in {@code blob} ({@code legacy}:
   * preceded by the implicit checkpoint 0 at compressed offset 10); {@code blob} must not change afterwards.
   */
  static CheckpointList read(byte[] blob, int at, int count, boolean legacy) throws ZtocFormatException {
    CheckpointList list = new CheckpointList(blob, count + (legacy ? 1 : 0));
    ByteBuffer le = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
    int i = 0;
    if (legacy) {
      list.compressedOffset[0] = 10;
      list.windowAt[0] = NO_WINDOW;
      i = 1;
    }
    for (int pos = at; i < list.size(); i++, pos += GzipZinfo.RECORD_SIZE) {
      int b = blob[pos + 16] & 0xFF;
      if (b > 7) {
        int inBlob = GzipZinfo.HEADER_SIZE + (pos - at); // where the record lies in the checkpoint blob itself
        throw new ZtocFormatException("checkpoint " + i + " at blob offset " + inBlob + " has bits=" + b
            + " (must be 0..7)");
      }
      list.compressedOffset[i] = le.getLong(pos);
      list.uncompressedOffset[i] = le.getLong(pos + 8);
      list.bits[i] = (byte) b;
      list.windowAt[i] = pos + 17;
    }
    return list;
  }

  @Override
  public Checkpoint get(int i) {
    Checkpoint c = taken[i];
    if (c == null) {
      byte[] window = windowAt[i] == NO_WINDOW ? new byte[Checkpoint.WINDOW_SIZE]
          : Arrays.copyOfRange(blob, windowAt[i], windowAt[i] + Checkpoint.WINDOW_SIZE);
      c = new Checkpoint(compressedOffset[i], uncompressedOffset[i], bits[i], window);
      taken[i] = c;
    }
    return c;
  }

  @Override
  public int size() {
    return taken.length;
  }

  long compressedOffset(int i) {
    return compressedOffset[i];
  }

  long uncompressedOffset(int i) {
    return uncompressedOffset[i];
  }

  int bits(int i) {
    return bits[i];
  }

  /** {@link Checkpoint#compressedStart()} without taking the checkpoint. */
  long compressedStart(int i) {
    return bits[i] == 0 ? compressedOffset[i] : compressedOffset[i] - 1;
  }
}
