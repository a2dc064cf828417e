package dev.sociscope.core.workflow;

import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.image.ImageSource;
import dev.sociscope.core.image.ImageTarget;
import dev.sociscope.core.image.PushedManifest;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.OciDocument;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Joins a source and a target of the same place into one {@link OpenedImage.Store}. */
class DelegatingStore implements OpenedImage.Store {
  private final ImageSource source;
  private final ImageTarget target;

  DelegatingStore(ImageSource source, ImageTarget target) {
    this.source = source;
    this.target = target;
  }

  @Override
  public String describe() {
    return source.describe();
  }

  @Override
  public OciDocument manifest(String reference) throws IOException {
    return source.manifest(reference);
  }

  @Override
  public InputStream openBlob(Digest digest) throws IOException {
    return source.openBlob(digest);
  }

  @Override
  public InputStream openBlobRange(Digest digest, long offset, long length) throws IOException {
    return source.openBlobRange(digest, offset, length);
  }

  @Override
  public long blobSize(Digest digest) throws IOException {
    return source.blobSize(digest);
  }

  @Override
  public List<String> tags() throws IOException {
    return source.tags();
  }

  @Override
  public List<dev.sociscope.core.oci.Descriptor> referrers(Digest subject, String artifactType) throws IOException {
    return source.referrers(subject, artifactType);
  }

  @Override
  public dev.sociscope.core.image.ReferrerListing referrerListing(Digest subject, String artifactType)
      throws IOException {
    return source.referrerListing(subject, artifactType);
  }

  @Override
  public boolean hasBlob(Digest digest) throws IOException {
    return target.hasBlob(digest);
  }

  @Override
  public void putBlob(Digest digest, BlobContent content) throws IOException {
    target.putBlob(digest, content);
  }

  @Override
  public PushedManifest putManifest(OciDocument manifest, String tag) throws IOException {
    return target.putManifest(manifest, tag);
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
