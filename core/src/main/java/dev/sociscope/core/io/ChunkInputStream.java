package dev.sociscope.core.io;

import java.io.IOException;
import java.io.InputStream;

/** An input stream whose subclasses read only in chunks; the single-byte {@link #read()} goes through them. */
public abstract class ChunkInputStream extends InputStream {

  @Override
  public final int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public abstract int read(byte[] b, int off, int len) throws IOException;
}
