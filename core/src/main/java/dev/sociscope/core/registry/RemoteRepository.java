package dev.sociscope.core.registry;

import dev.sociscope.core.image.ImageReference;
import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.error.NotFoundException;
import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.image.ImageSource;
import dev.sociscope.core.image.ImageTarget;
import dev.sociscope.core.image.ReferrerListing;
import dev.sociscope.core.image.PushedManifest;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.registry.auth.Scopes;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Response;

/**
 * One repository on a registry ({@code 127.0.0.1:5000/team/app}): manifests, blobs, tags, uploads and deletes
 * through the client's single call path. Reads need {@code pull}, writes {@code pull,push}.
 */
public final class RemoteRepository implements ImageSource, ImageTarget {
  /** Spec 7.5: every manifest type we understand (the CNCF registry serves only types named here). */
  public static final String MANIFEST_ACCEPT = dev.sociscope.core.oci.MediaType.MANIFEST_ACCEPT;

  private final RegistryClient client;
  private final ImageReference reference;
  private final Cancellation cancel;
  private final HttpUrl base;

  /** Where each blob's ranged reads end up after redirects (e.g. pre-signed storage URLs), reused (spec 6.4). */
  private final Map<Digest, HttpUrl> blobLocations;

  /** Whether the registry answered the referrers API here (null: not asked yet); saves the parallel tag read. */
  private final AtomicReference<Boolean> referrersApi;

  RemoteRepository(RegistryClient client, ImageReference reference) {
    this(client, reference, Cancellation.NONE, new ConcurrentHashMap<>(), new AtomicReference<>());
  }

  private RemoteRepository(RegistryClient client, ImageReference reference, Cancellation cancel,
      Map<Digest, HttpUrl> blobLocations, AtomicReference<Boolean> referrersApi) {
    this.client = client;
    this.reference = reference;
    this.cancel = cancel;
    this.base = client.baseUrl(reference.apiHost());
    this.blobLocations = blobLocations;
    this.referrersApi = referrersApi;
  }

  /** The same repository, with every operation stopped by {@code cancellation}. */
  public RemoteRepository withCancellation(Cancellation cancellation) {
    return new RemoteRepository(client, reference, cancellation, blobLocations, referrersApi);
  }

  AtomicReference<Boolean> referrersApiKnown() {
    return referrersApi;
  }

  Map<Digest, HttpUrl> blobLocations() {
    return blobLocations;
  }

  public ImageReference reference() {
    return reference;
  }

  public String name() {
    return reference.repository();
  }

  RegistryClient client() {
    return client;
  }

  Cancellation cancellation() {
    return cancel;
  }

  @Override
  public String describe() {
    return reference.repositoryName();
  }

  HttpUrl url(String... segments) {
    HttpUrl.Builder b = base.newBuilder().addPathSegment("v2").addPathSegments(reference.repository());
    for (String s : segments) {
      b.addPathSegment(s);
    }
    return b.build();
  }

  List<String> pull() {
    return List.of(Scopes.pull(reference.repository()));
  }

  List<String> push() {
    return List.of(Scopes.pullPush(reference.repository()));
  }

  // ---- manifests ------------------------------------------------------------------------------------------------

  @Override
  public OciDocument manifest(String ref) throws IOException {
    return new ManifestFetcher(this).fetch(ref);
  }

  /**
   * {@code HEAD} of a manifest: its digest, media type and size without the body; empty when it does not exist.
   * Falls back to GET when the registry sends no {@code Docker-Content-Digest}.
   */
  public Optional<ManifestHead> headManifest(String ref) throws IOException {
    return new ManifestFetcher(this).head(ref);
  }

  /**
   * The manifest a tag names, empty only when the registry definitely says the tag does not exist: a 404 is
   * confirmed by a second read and the tag list, anything uncertain is an error (see {@link DefiniteTagLookup}).
   * For tags that are rewritten from what was read, such as the referrers fallback tag.
   */
  public Optional<OciDocument> findTagDefinitely(String tag) throws IOException {
    return new DefiniteTagLookup(this).find(tag);
  }

  /** What a HEAD on a manifest tells. */
  public record ManifestHead(Digest digest, String mediaType, long size) {}

  /** PUT with Content-Type = the manifest's media type; reports the registry's {@code OCI-Subject}. */
  @Override
  public PushedManifest putManifest(OciDocument manifest, String tag) throws IOException {
    return new ManifestPusher(this).put(manifest, tag);
  }

  /** Gives an existing manifest one more tag (fetches its bytes and PUTs them under the tag). */
  public PushedManifest tag(Digest digest, String tag) throws IOException {
    return putManifest(manifest(digest.toString()), tag);
  }

  /** Deletes a manifest by digest; fails with a readable message when the registry has deletion disabled. */
  public void deleteManifest(Digest digest) throws IOException {
    delete(url("manifests", digest.toString()), "delete manifest " + describe() + "@" + digest);
  }

  public void deleteBlob(Digest digest) throws IOException {
    delete(url("blobs", digest.toString()), "delete blob " + describe() + "@" + digest);
  }

  private void delete(HttpUrl url, String action) throws IOException {
    RegistryRequest req = new RegistryRequest("DELETE", url, Headers.of(), null,
        List.of("repository:" + reference.repository() + ":delete,pull,push"), action, true);
    try (Response r = client.send(req, cancel)) {
      if (r.code() == 405) {
        throw new RegistryErrorException("Tried to " + action + " but the registry does not allow deletion (HTTP 405)",
            405, List.of("UNSUPPORTED"));
      }
      if (!r.isSuccessful()) {
        throw client.failure(r, action);
      }
    }
  }

  // ---- blobs ----------------------------------------------------------------------------------------------------

  @Override
  public InputStream openBlob(Digest digest) throws IOException {
    return BlobDownload.open(this, digest);
  }

  @Override
  public InputStream openBlobRange(Digest digest, long offset, long length) throws IOException {
    return BlobDownload.openRange(this, digest, offset, length);
  }


  @Override
  public long blobSize(Digest digest) throws IOException {
    return headBlob(digest).orElseThrow(() -> new NotFoundException("Blob " + digest + " is not in " + describe()));
  }

  /** The size of a blob from {@code HEAD}, empty when it does not exist. */
  public Optional<Long> headBlob(Digest digest) throws IOException {
    String action = "check blob " + describe() + "@" + digest;
    RegistryRequest req = RegistryRequest.get(url("blobs", digest.toString()), pull(), action).withMethod("HEAD", null);
    try (Response r = client.send(req, cancel)) {
      if (r.code() == 404) {
        return Optional.empty();
      }
      if (r.code() == 405 || r.code() == 400) {
        return BlobDownload.sizeByRangedGet(this, digest); // some registries refuse HEAD
      }
      if (!r.isSuccessful()) {
        throw client.failure(r, action);
      }
      String length = r.header("Content-Length");
      if (length == null) {
        return BlobDownload.sizeByRangedGet(this, digest);
      }
      return Optional.of(parseLength(length, action));
    }
  }

  @Override
  public boolean hasBlob(Digest digest) throws IOException {
    return headBlob(digest).isPresent();
  }

  @Override
  public void putBlob(Digest digest, BlobContent content) throws IOException {
    new BlobUploader(this).upload(digest, content, null);
  }

  /**
   * Mounts a blob from another repository of the same registry; if the registry does not mount it (202), uploads
   * {@code content} instead. Skips blobs that already exist.
   *
   * @return true when the blob was mounted, false when it existed or was uploaded
   */
  public boolean mountOrUpload(Digest digest, String fromRepository, BlobContent content) throws IOException {
    return new BlobUploader(this).upload(digest, content, fromRepository);
  }

  // ---- referrers -----------------------------------------------------------------------------------------------

  /**
   * Manifests that name {@code subject} as their subject, optionally only those of one artifact type: the
   * referrers API first, then the fallback tag {@code sha256-<hex>} when the API is missing (spec 2.5, 7.9).
   */
  @Override
  public List<Descriptor> referrers(Digest subject, String artifactType) throws IOException {
    return referrerListing(subject, artifactType).descriptors();
  }

  /** As {@link #referrers}, with why the listing was cut short when the listing limits ended it early. */
  @Override
  public ReferrerListing referrerListing(Digest subject, String artifactType) throws IOException {
    return new ReferrersLister(this).list(subject, artifactType);
  }

  /**
   * The referrers of {@code subject} as a push or removal that rewrites the fallback tag must know them: the API's
   * answer, else the fallback tag, where only a definite "does not exist" gives an empty list and any uncertain
   * answer is an error (nothing has been written then).
   */
  public List<Descriptor> referrersForUpdate(Digest subject) throws IOException {
    return new ReferrersLister(this).listForUpdate(subject);
  }

  /** Whether this registry serves the referrers API (asked about {@code subject}); false means fallback tags. */
  public boolean servesReferrersApi(Digest subject) throws IOException {
    return new ReferrersLister(this).apiAvailable(subject);
  }

  // ---- tags -----------------------------------------------------------------------------------------------------

  @Override
  public List<String> tags() throws IOException {
    return tags(0);
  }

  /**
   * Lists tags, following {@code Link} pages; with {@code pageSize > 0} asks for pages of that size and, when a
   * server sends full pages without {@code Link}, continues with {@code last=}.
   */
  public List<String> tags(int pageSize) throws IOException {
    return tagListing(pageSize, ListingLimits.DEFAULT).names();
  }

  /** The tags up to {@code limits}; {@link Listing#cutShort} says when the registry had more. */
  public Listing tagListing(int pageSize, ListingLimits limits) throws IOException {
    return new TagLister(this).list(pageSize, limits);
  }

  /**
   * One page of tags: {@code last} is null for the first page, else the {@link Page#next} of the page before. A
   * server that ignores {@code n} (the CNCF registry 2.8) answers with every tag and no next page.
   */
  public Page tagsPage(int pageSize, String last) throws IOException {
    return new TagLister(this).page(pageSize, last, ListingLimits.DEFAULT);
  }

  @Override
  public void close() {
    // Connections belong to the client's pool; nothing to release per repository.
  }

  // ---- helpers --------------------------------------------------------------------------------------------------

  static Digest parseDigest(String text, String action) throws RegistryException {
    try {
      return Digest.parse(text.trim());
    } catch (IllegalArgumentException e) {
      throw new RegistryException("Tried to " + action + " but '" + text + "' is not a sha256 digest");
    }
  }

  static long parseLength(String value, String action) throws RegistryException {
    try {
      long n = Long.parseLong(value.trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new RegistryException("Tried to " + action + " but the registry sent Content-Length '" + value + "'");
  }

  static String stripParameters(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semi = contentType.indexOf(';');
    return (semi >= 0 ? contentType.substring(0, semi) : contentType).trim().toLowerCase(Locale.ROOT);
  }


}
