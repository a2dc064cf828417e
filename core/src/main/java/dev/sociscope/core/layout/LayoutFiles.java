package dev.sociscope.core.layout;

import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;

/** The files of an image on disk by relative path ({@code index.json}, {@code blobs/sha256/<hex>}). */
interface LayoutFiles extends Closeable {
  Optional<FileRegion> find(String relativePath) throws IOException;

  /** For messages: {@code oci:/path} or {@code oci-archive:/file.tar}. */
  String describe();

  @Override
  default void close() throws IOException {}
}
