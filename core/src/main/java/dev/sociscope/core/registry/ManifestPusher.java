package dev.sociscope.core.registry;

import dev.sociscope.core.error.DigestMismatchException;
import dev.sociscope.core.image.PushedManifest;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.OciDocument;
import java.io.IOException;
import java.util.Optional;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code PUT /v2/<name>/manifests/<tag-or-digest>}: exact bytes, Content-Type = the manifest's media type. */
final class ManifestPusher {
  private static final Logger LOG = LoggerFactory.getLogger(ManifestPusher.class);
  private final RemoteRepository repo;

  ManifestPusher(RemoteRepository repo) {
    this.repo = repo;
  }

  PushedManifest put(OciDocument manifest, String tag) throws IOException {
    String ref = tag != null ? tag : manifest.digest().toString();
    String action = "put manifest " + repo.describe() + (tag != null ? ":" : "@") + ref;
    byte[] bytes = manifest.bytes();
    MediaType type = MediaType.get(manifest.mediaType());
    RegistryRequest req = new RegistryRequest("PUT", repo.url("manifests", ref), Headers.of(),
        () -> RequestBody.create(bytes, type), repo.push(), action, true);
    try (Response r = repo.client().send(req, repo.cancellation())) {
      if (!r.isSuccessful()) {
        throw repo.client().failure(r, action);
      }
      String announced = r.header("Docker-Content-Digest");
      if (announced != null && announced.startsWith("sha256:") && !announced.equals(manifest.digest().toString())) {
        throw new DigestMismatchException("Registry stored manifest " + repo.describe() + ":" + ref
            + " under another digest", manifest.digest(), RemoteRepository.parseDigest(announced, action));
      }
      String subject = r.header("OCI-Subject");
      Optional<Digest> ociSubject = Optional.empty();
      if (subject != null && subject.startsWith("sha256:")) {
        ociSubject = Optional.of(RemoteRepository.parseDigest(subject, action));
      }
      LOG.info("Pushed manifest {}@{}{}", repo.describe(), manifest.digest(), tag != null ? " as " + tag : "");
      return new PushedManifest(manifest.digest(), ociSubject);
    }
  }

}
