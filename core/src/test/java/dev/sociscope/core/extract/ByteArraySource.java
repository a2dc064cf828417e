package dev.sociscope.core.extract;

import java.io.EOFException;
import java.util.Arrays;

/** A layer blob held in memory (tests, small layers). */
public final class ByteArraySource implements RandomAccessSource {
  private final byte[] bytes;

  public ByteArraySource(byte[] bytes) {
    this.bytes = bytes;
  }

  @Override
  public long size() {
    return bytes.length;
  }

  @Override
  public byte[] read(long offset, int length) throws EOFException {
    if (offset < 0 || length < 0 || offset + length > bytes.length) {
      throw new EOFException("range " + offset + "+" + length + " lies outside the " + bytes.length + "-byte blob");
    }
    return Arrays.copyOfRange(bytes, (int) offset, (int) offset + length);
  }
}
