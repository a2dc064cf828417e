package dev.sociscope.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.image.ImageSource;
import dev.sociscope.core.image.ImageTarget;
import dev.sociscope.core.image.PushedManifest;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.OciFormatException;
import dev.sociscope.core.registry.auth.Scopes;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One repository on a registry ({@code 127.0.0.1:5000/team/app}): manifests, blobs, tags, uploads and deletes
 * through the client's single call path. Reads need {@code pull}, writes {@code pull,push}.
 */
public final class RemoteRepository implements ImageSource, ImageTarget {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteRepository.class);
  /** Spec 7.5: every manifest type we understand (the CNCF registry serves only types named here). */
  public static final String MANIFEST_ACCEPT = dev.sociscope.core.oci.MediaType.MANIFEST_ACCEPT;
  private static final int MAX_MANIFEST_BYTES = 16 << 20;

  private final RegistryClient client;
  private final ImageReference reference;
  private final Cancellation cancel;
  private final HttpUrl base;

  /** Where each blob's ranged reads end up after redirects (e.g. pre-signed storage URLs), reused (spec 6.4). */
  private final Map<Digest, HttpUrl> blobLocations;

  RemoteRepository(RegistryClient client, ImageReference reference) {
    this(client, reference, Cancellation.NONE, new ConcurrentHashMap<>());
  }

  private RemoteRepository(RegistryClient client, ImageReference reference, Cancellation cancel,
      Map<Digest, HttpUrl> blobLocations) {
    this.client = client;
    this.reference = reference;
    this.cancel = cancel;
    this.base = client.baseUrl(reference.apiHost());
    this.blobLocations = blobLocations;
  }

  /** The same repository, with every operation stopped by {@code cancellation}. */
  public RemoteRepository withCancellation(Cancellation cancellation) {
    return new RemoteRepository(client, reference, cancellation, blobLocations);
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
    String action = "get manifest " + describe() + (ref.startsWith("sha256:") ? "@" : ":") + ref;
    Digest byDigest = ref.startsWith("sha256:") ? parseDigest(ref, action) : null;
    RegistryRequest req = RegistryRequest.get(url("manifests", ref), pull(), action)
        .withHeaders(Headers.of("Accept", MANIFEST_ACCEPT));
    try (Response r = client.send(req, cancel)) {
      if (!r.isSuccessful()) {
        throw client.failure(r, action);
      }
      ResponseBody body = r.body();
      byte[] bytes = body.byteStream().readNBytes(MAX_MANIFEST_BYTES + 1);
      if (bytes.length > MAX_MANIFEST_BYTES) {
        throw new RegistryException("Tried to " + action + " but the manifest is larger than "
            + MAX_MANIFEST_BYTES + " bytes");
      }
      Digest actual = Digest.of(bytes);
      if (byDigest != null && !byDigest.equals(actual)) {
        throw new DigestMismatchException("Manifest " + describe() + "@" + byDigest, byDigest, actual);
      }
      String announced = r.header("Docker-Content-Digest");
      if (announced != null && announced.startsWith("sha256:") && !announced.equals(actual.toString())) {
        throw new DigestMismatchException("Manifest " + describe() + ":" + ref + " (Docker-Content-Digest "
            + announced + ")", parseDigest(announced, action), actual);
      }
      try {
        return OciDocument.parse(bytes, r.header("Content-Type"));
      } catch (OciFormatException e) {
        throw new RegistryException("Tried to " + action + " but the registry sent an unusable manifest: "
            + e.getMessage(), e);
      }
    }
  }

  /**
   * {@code HEAD} of a manifest: its digest, media type and size without the body; empty when it does not exist.
   * Falls back to GET when the registry sends no {@code Docker-Content-Digest}.
   */
  public Optional<ManifestHead> headManifest(String ref) throws IOException {
    String action = "check manifest " + describe() + ":" + ref;
    RegistryRequest req = RegistryRequest.get(url("manifests", ref), pull(), action)
        .withHeaders(Headers.of("Accept", MANIFEST_ACCEPT)).withMethod("HEAD", null);
    try (Response r = client.send(req, cancel)) {
      if (r.code() == 404) {
        return Optional.empty();
      }
      if (!r.isSuccessful()) {
        throw client.failure(r, action);
      }
      String digest = r.header("Docker-Content-Digest");
      String length = r.header("Content-Length");
      if (digest != null && length != null) {
        return Optional.of(new ManifestHead(parseDigest(digest, action), stripParameters(r.header("Content-Type")),
            parseLength(length, action)));
      }
    }
    Optional<OciDocument> m = findManifest(ref);
    return m.map(f -> new ManifestHead(f.digest(), f.mediaType(), f.size()));
  }

  /** What a HEAD on a manifest tells. */
  public record ManifestHead(Digest digest, String mediaType, long size) {}

  @Override
  public PushedManifest putManifest(OciDocument manifest, String tag) throws IOException {
    String ref = tag != null ? tag : manifest.digest().toString();
    String action = "put manifest " + describe() + (tag != null ? ":" : "@") + ref;
    byte[] bytes = manifest.bytes();
    MediaType type = MediaType.get(manifest.mediaType());
    RegistryRequest req = new RegistryRequest("PUT", url("manifests", ref), Headers.of(),
        () -> RequestBody.create(bytes, type), push(), action, true);
    try (Response r = client.send(req, cancel)) {
      if (!r.isSuccessful()) {
        throw client.failure(r, action);
      }
      String announced = r.header("Docker-Content-Digest");
      if (announced != null && announced.startsWith("sha256:") && !announced.equals(manifest.digest().toString())) {
        throw new DigestMismatchException("Registry stored manifest " + describe() + ":" + ref
            + " under another digest", manifest.digest(), parseDigest(announced, action));
      }
      String subject = r.header("OCI-Subject");
      Optional<Digest> ociSubject = Optional.empty();
      if (subject != null && subject.startsWith("sha256:")) {
        ociSubject = Optional.of(parseDigest(subject, action));
      }
      LOG.info("Pushed manifest {}@{}{}", describe(), manifest.digest(), tag != null ? " as " + tag : "");
      return new PushedManifest(manifest.digest(), ociSubject);
    }
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
    return new ReferrersLister(this).list(subject, artifactType);
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
    String action = "list tags of " + describe();
    List<String> all = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    HttpUrl url = url("tags", "list");
    if (pageSize > 0) {
      url = url.newBuilder().addQueryParameter("n", Integer.toString(pageSize)).build();
    }
    Set<HttpUrl> visited = new HashSet<>();
    while (url != null && visited.add(url)) {
      HttpUrl next;
      int added = 0;
      int received = 0;
      try (Response r = client.send(RegistryRequest.get(url, pull(), action), cancel)) {
        if (!r.isSuccessful()) {
          throw client.failure(r, action);
        }
        JsonNode body = RegistryClient.readJson(r, action);
        for (JsonNode t : body.path("tags")) {
          received++;
          if (seen.add(t.asText())) {
            all.add(t.asText());
            added++;
          }
        }
        next = Pagination.next(r);
      }
      if (next == null && pageSize > 0 && received >= pageSize && added > 0) {
        next = url("tags", "list").newBuilder().addQueryParameter("n", Integer.toString(pageSize))
            .addQueryParameter("last", all.get(all.size() - 1)).build();
      }
      url = next;
    }
    return all;
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
