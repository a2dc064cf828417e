package dev.sociscope.core.registry;

import dev.sociscope.core.error.CorruptInputException;
import dev.sociscope.core.error.DigestMismatchException;
import dev.sociscope.core.error.NotFoundException;
import dev.sociscope.core.error.SociscopeException;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.OciFormatException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * {@code GET|HEAD /v2/<name>/manifests/<tag-or-digest>} with the Accept header of spec 7.5. The body is hashed: by
 * digest it must match, by tag a {@code Docker-Content-Digest} must agree; Docker schema 1 is refused.
 */
final class ManifestFetcher {
  /** Manifests and indexes larger than this are refused unread (containerd and distribution use the same 4 MiB). */
  static final int MAX_MANIFEST_BYTES = 4 << 20;
  private final RemoteRepository repo;

  ManifestFetcher(RemoteRepository repo) {
    this.repo = repo;
  }

  OciDocument fetch(String ref) throws IOException {
    Lookup found = lookup(ref);
    if (found.document() == null) {
      throw found.notFound();
    }
    return found.document();
  }

  /**
   * A manifest GET's answer: the document, or, on 404, the error codes of the body (MANIFEST_UNKNOWN, ...) so a
   * caller can tell a definite "does not exist" from a bare 404. Every other failure is thrown.
   */
  record Lookup(OciDocument document, SociscopeException notFound, List<String> notFoundCodes) {}

  Lookup lookup(String ref) throws IOException {
    String action = "get manifest " + repo.describe() + (ref.startsWith("sha256:") ? "@" : ":") + ref;
    Digest byDigest = ref.startsWith("sha256:") ? RemoteRepository.parseDigest(ref, action) : null;
    RegistryRequest req = RegistryRequest.get(repo.url("manifests", ref), repo.pull(), action)
        .withHeaders(Headers.of("Accept", RemoteRepository.MANIFEST_ACCEPT));
    try (Response r = repo.client().send(req, repo.cancellation())) {
      if (r.code() == 404) {
        ErrorBody body = ErrorBody.read(r);
        return new Lookup(null, new NotFoundException("Tried to " + action + " but it was not found"
            + body.detail()), body.codes());
      }
      if (!r.isSuccessful()) {
        throw repo.client().failure(r, action);
      }
      ResponseBody body = r.body();
      if (body.contentLength() > MAX_MANIFEST_BYTES) {
        throw tooLarge(action, body.contentLength());
      }
      byte[] bytes = body.byteStream().readNBytes(MAX_MANIFEST_BYTES + 1);
      if (bytes.length > MAX_MANIFEST_BYTES) {
        throw tooLarge(action, -1);
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
        return new Lookup(OciDocument.parse(bytes, r.header("Content-Type")), null, List.of());
      } catch (OciFormatException e) {
        throw new RegistryException("Tried to " + action + " but the registry sent an unusable manifest: "
            + e.getMessage(), e);
      }
    }
  }

  private static CorruptInputException tooLarge(String action, long length) {
    return new CorruptInputException("Tried to " + action + " but the manifest is "
        + (length >= 0 ? length + " bytes, " : "") + "larger than the " + (MAX_MANIFEST_BYTES >> 20)
        + " MiB a manifest or index may have");
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
