package dev.sociscope.core.extract;

import java.io.Closeable;
import java.io.IOException;

/**
 * Random access to the bytes of a layer blob: a local file, or HTTP range requests against a registry. Reads may
 * come from more than one thread at a time (a lazy read fetches the gzip header while it fetches the spans).
 */
public interface RandomAccessSource extends Closeable {
  /** Size of the blob in bytes. */
  long size() throws IOException;

  /** Exactly {@code length} bytes starting at {@code offset}; an error if the blob is shorter. */
  byte[] read(long offset, int length) throws IOException;

  @Override
  default void close() throws IOException {}
}
