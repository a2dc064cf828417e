package dev.sociscope.core.image;

import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.OciDocument;
import java.io.Closeable;
import java.io.IOException;

/** Where images are written: a registry repository or an OCI layout. Children go before parents. */
public interface ImageTarget extends Closeable {
  String describe();

  boolean hasBlob(Digest digest) throws IOException;

  /** Stores a blob; the content must hash to {@code digest}. */
  void putBlob(Digest digest, BlobContent content) throws IOException;

  /**
   * Stores a manifest or index with its exact bytes, and names it {@code tag} when not null.
   *
   * @return what the target reported (digest, and the subject it indexed, if any)
   */
  PushedManifest putManifest(OciDocument manifest, String tag) throws IOException;

  @Override
  default void close() throws IOException {}
}
