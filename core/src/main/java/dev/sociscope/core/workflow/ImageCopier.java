package dev.sociscope.core.workflow;

import dev.sociscope.core.error.UnsupportedException;
import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.image.ImageTarget;
import dev.sociscope.core.image.ImageSource;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.Platform;
import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.error.NotFoundException;
import dev.sociscope.core.registry.RemoteRepository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Copies an image (all platforms of an index, or one platform) from a source to a target with its exact bytes, so
 * every digest stays the same. Children go before parents: blobs, then platform manifests, then the index under
 * the tag. Blobs the target has are skipped; between repositories of one registry they are mounted.
 */
public final class ImageCopier {
  /** Progress callbacks (plain, no UI types). */
  public interface Listener {
    Listener NONE = new Listener() {};

    /** Bytes of {@code blob} read from the source so far (called often; keep it cheap). */
    default void blobProgress(Descriptor blob, long bytesSoFar) {}

    default void blobDone(Descriptor blob, boolean transferred) {}

    default void manifestDone(OciDocument manifest) {}
  }

  /** What a copy did. */
  public record Result(Digest digest, String mediaType, int manifests, int blobsTransferred, int blobsSkipped,
      long bytesTransferred) {}

  private final Cancellation cancel;
  private final Listener listener;

  public ImageCopier(Cancellation cancel, Listener listener) {
    this.cancel = cancel;
    this.listener = listener;
  }

  private int manifests;
  private int transferred;
  private int skipped;
  private long bytes;

  /**
   * Copies {@code sourceRef} (tag, digest, or null for the only image of a layout) to {@code target} under
   * {@code targetTag}.
   *
   * @param platform when not null and the source is an index, copy only that platform's manifest
   */
  public synchronized Result copy(ImageSource source, String sourceRef, ImageTarget target, String targetTag,
      Platform platform) throws IOException {
    manifests = 0;
    transferred = 0;
    skipped = 0;
    bytes = 0;
    OciDocument top = source.manifest(sourceRef);
    if (platform != null && top.isIndex()) {
      Descriptor chosen = choosePlatform(top, platform, source.describe() + ":" + sourceRef);
      top = source.manifest(chosen.digest().toString());
    }
    copyDocument(source, target, top, targetTag, new HashSet<>());
    return new Result(top.digest(), top.mediaType(), manifests, transferred, skipped, bytes);
  }

  static Descriptor choosePlatform(OciDocument index, Platform wanted, String where) throws NotFoundException {
    List<String> available = new ArrayList<>();
    for (Descriptor d : index.index().manifests()) {
      if (d.platform() != null) {
        if (d.platform().matches(wanted)) {
          return d;
        }
        available.add(d.platform().format());
      }
    }
    throw new NotFoundException("No manifest for platform " + wanted.format() + " in " + where + " (available: "
        + (available.isEmpty() ? "none" : String.join(", ", available)) + ")");
  }

  private void copyDocument(ImageSource source, ImageTarget target, OciDocument doc, String tag, Set<Digest> done)
      throws IOException {
    cancel.check("copy " + source.describe());
    if (!done.add(doc.digest())) {
      return;
    }
    if (doc.isIndex()) {
      for (Descriptor child : doc.index().manifests()) {
        OciDocument childDoc = source.manifest(child.digest().toString());
        copyDocument(source, target, childDoc, null, done);
      }
    } else if (doc.isManifest()) {
      List<Descriptor> blobs = new ArrayList<>();
      blobs.add(doc.manifest().config());
      blobs.addAll(doc.manifest().layers());
      for (Descriptor blob : blobs) {
        copyBlob(source, target, blob);
      }
    } else {
      throw new UnsupportedException("Cannot copy " + doc.mediaType() + " " + doc.digest() + ": not an image or index");
    }
    target.putManifest(doc, tag);
    manifests++;
    listener.manifestDone(doc);
  }

  /** Reports progress as the target reads the content; a resumed read continues from its offset. */
  private BlobContent counting(BlobContent content, Descriptor blob) {
    return new BlobContent() {
      @Override
      public long size() {
        return content.size();
      }

      @Override
      public java.io.InputStream open(long offset) throws IOException {
        return new java.io.FilterInputStream(content.open(offset)) {
          private long position = offset;

          @Override
          public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
              listener.blobProgress(blob, ++position);
            }
            return b;
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            cancel.check("copy blob " + blob.digest());
            int n = super.read(b, off, len);
            if (n > 0) {
              position += n;
              listener.blobProgress(blob, position);
            }
            return n;
          }
        };
      }
    };
  }

  private void copyBlob(ImageSource source, ImageTarget target, Descriptor blob) throws IOException {
    cancel.check("copy " + source.describe());
    if (target.hasBlob(blob.digest())) {
      skipped++;
      listener.blobDone(blob, false);
      return;
    }
    BlobContent content = counting(BlobContent.ofSource(source, blob.digest(), blob.size()), blob);
    if (source instanceof RemoteRepository from && target instanceof RemoteRepository to
        && from.reference().registry().equals(to.reference().registry())) {
      if (to.mountOrUpload(blob.digest(), from.name(), content)) {
        skipped++;
        listener.blobDone(blob, false);
        return;
      }
    } else {
      target.putBlob(blob.digest(), content);
    }
    transferred++;
    bytes += blob.size();
    listener.blobDone(blob, true);
  }
}
