package dev.sociscope.core.extract;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A layer blob in a local file. */
public final class LocalFileSource implements RandomAccessSource {
  private final Path path;
  private final FileChannel channel;

  public LocalFileSource(Path path) throws IOException {
    this.path = path;
    this.channel = FileChannel.open(path, StandardOpenOption.READ);
  }

  @Override
  public long size() throws IOException {
    return channel.size();
  }

  @Override
  public byte[] read(long offset, int length) throws IOException {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("bad range " + offset + "+" + length);
    }
    ByteBuffer buf = ByteBuffer.allocate(length);
    while (buf.hasRemaining()) {
      int n = channel.read(buf, offset + buf.position());
      if (n < 0) {
        throw new EOFException(path + " ends at byte " + (offset + buf.position()) + ", but bytes up to "
            + (offset + length) + " were needed");
      }
    }
    return buf.array();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
