package dev.sociscope.core.layout;

import org.apache.commons.io.input.BoundedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Bytes of a file on disk: a whole blob file, or the data of one member of an uncompressed tar read in place.
 *
 * @param file the file holding the bytes
 * @param offset where they start
 * @param length how many there are
 */
public record FileRegion(Path file, long offset, long length) {
  /** Opens {@code [from, from+count)} of this region. */
  public InputStream open(long from, long count) throws IOException {
    if (from < 0 || count < 0 || from > length || count > length - from) {
      throw new IllegalArgumentException("range " + from + "+" + count + " is outside a region of " + length + " bytes");
    }
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      channel.position(offset + from);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return BoundedInputStream.builder().setInputStream(Channels.newInputStream(channel)).setMaxCount(count)
        .get();
  }

  public InputStream open() throws IOException {
    return open(0, length);
  }

  /** All bytes; only for small files (JSON documents). */
  public byte[] readAll(int limit) throws IOException {
    if (length > limit) {
      throw new IOException(file + " (offset " + offset + "): " + length + " bytes is more than the " + limit
          + " expected for a JSON document");
    }
    try (InputStream in = open()) {
      return in.readNBytes((int) length);
    }
  }
}
