package dev.sociscope.core.registry;

import dev.sociscope.core.error.DigestMismatchException;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.OciFormatException;
import java.io.IOException;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * {@code GET|HEAD /v2/<name>/manifests/<tag-or-digest>} with the Accept header of spec 7.5. The body is hashed: by
 * digest it must match, by tag a {@code Docker-Content-Digest} must agree; Docker schema 1 is refused.
 */
final class ManifestFetcher {
  private static final int MAX_MANIFEST_BYTES = 16 << 20;
  private final RemoteRepository repo;

  ManifestFetcher(RemoteRepository repo) {
    this.repo = repo;
  }

  OciDocument fetch(String ref) throws IOException {
    String action = "get manifest " + repo.describe() + (ref.startsWith("sha256:") ? "@" : ":") + ref;
    Digest byDigest = ref.startsWith("sha256:") ? RemoteRepository.parseDigest(ref, action) : null;
    RegistryRequest req = RegistryRequest.get(repo.url("manifests", ref), repo.pull(), action)
        .withHeaders(Headers.of("Accept", RemoteRepository.MANIFEST_ACCEPT));
    try (Response r = repo.client().send(req, repo.cancellation())) {
      if (!r.isSuccessful()) {
        throw repo.client().failure(r, action);
      }
      ResponseBody body = r.body();
      byte[] bytes = body.byteStream().readNBytes(MAX_MANIFEST_BYTES + 1);
      if (bytes.length > MAX_MANIFEST_BYTES) {
        throw new RegistryException("Tried to " + action + " but the manifest is larger than "
            + MAX_MANIFEST_BYTES + " bytes");
      }
      Digest actual = Digest.of(bytes);
      if (byDigest != null && !byDigest.equals(actual)) {
        throw new DigestMismatchException("Manifest " + repo.describe() + "@" + byDigest, byDigest, actual);
      }
      String announced = r.header("Docker-Content-Digest");
      if (announced != null && announced.startsWith("sha256:") && !announced.equals(actual.toString())) {
        throw new DigestMismatchException("Manifest " + repo.describe() + ":" + ref + " (Docker-Content-Digest "
            + announced + ")", RemoteRepository.parseDigest(announced, action), actual);
      }
      try {
        return OciDocument.parse(bytes, r.header("Content-Type"));
      } catch (OciFormatException e) {
        throw new RegistryException("Tried to " + action + " but the registry sent an unusable manifest: "
            + e.getMessage(), e);
      }
    }
  }

  Optional<RemoteRepository.ManifestHead> head(String ref) throws IOException {
    String action = "check manifest " + repo.describe() + ":" + ref;
    RegistryRequest req = RegistryRequest.get(repo.url("manifests", ref), repo.pull(), action)
        .withHeaders(Headers.of("Accept", RemoteRepository.MANIFEST_ACCEPT)).withMethod("HEAD", null);
    try (Response r = repo.client().send(req, repo.cancellation())) {
      if (r.code() == 404) {
        return Optional.empty();
      }
      if (!r.isSuccessful()) {
        throw repo.client().failure(r, action);
      }
      String digest = r.header("Docker-Content-Digest");
      String length = r.header("Content-Length");
      if (digest != null && length != null) {
        return Optional.of(new RemoteRepository.ManifestHead(RemoteRepository.parseDigest(digest, action), RemoteRepository.stripParameters(r.header("Content-Type")),
            RemoteRepository.parseLength(length, action)));
      }
    }
    Optional<OciDocument> m = repo.findManifest(ref);
    return m.map(f -> new RemoteRepository.ManifestHead(f.digest(), f.mediaType(), f.size()));
  }

}
