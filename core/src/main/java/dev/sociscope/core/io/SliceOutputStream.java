package dev.sociscope.core.io;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes on only bytes {@code [from, from + length)} of what is written: for ranged reads of streamed layers, and of
 * small files read whole from inside their span.
 */
public final class SliceOutputStream extends OutputStream {
  private final OutputStream out;
  private final long from;
  private final long end;
  private long position;

  public SliceOutputStream(OutputStream out, long from, long length) {
    this.out = out;
    this.from = from;
    this.end = from + Math.min(length, Long.MAX_VALUE - from);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    long start = Math.max(position, from);
    long stop = Math.min(position + len, end);
    if (stop > start) {
      out.write(b, off + (int) (start - position), (int) (stop - start));
    }
    position += len;
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
