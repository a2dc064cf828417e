package dev.sociscope.core.files;

import dev.sociscope.core.io.ChunkInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Passes a tar stream through, copying one byte range of it to a file; skips read, so nothing is missed. */
final class CapturingStream extends ChunkInputStream {
  private final InputStream in;
  private long pos;
  private long start = -1;
  private long end = -1;
  private OutputStream sink;

  CapturingStream(InputStream in) {
    this.in = in;
  }

  void capture(long from, long length, Path file) throws IOException {
    finishCapture();
    start = from;
    end = from + length;
    sink = Files.newOutputStream(file); // truncates: a later entry of the same name replaces the earlier one
    if (length == 0) {
      finishCapture();
    }
  }

  void finishCapture() throws IOException {
    if (sink != null) {
      sink.close();
      sink = null;
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      if (sink != null) {
        long from = Math.max(pos, start);
        long to = Math.min(pos + n, end);
        if (to > from) {
          sink.write(b, off + (int) (from - pos), (int) (to - from));
        }
        if (pos + n >= end) {
          finishCapture();
        }
      }
      pos += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buf = new byte[(int) Math.min(n, 1 << 16)];
    int r = read(buf, 0, buf.length);
    return Math.max(r, 0);
  }
}
