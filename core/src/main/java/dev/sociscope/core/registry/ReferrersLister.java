package dev.sociscope.core.registry;

import dev.sociscope.core.error.SociscopeException;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.ImageIndex;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.OciFormatException;
import dev.sociscope.core.oci.OciJson;
import dev.sociscope.core.oci.ReferrersIndex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists referrers (spec 2.5): {@code GET /v2/<R>/referrers/<digest>?artifactType=<type>} with the {@code +}
 * percent-encoded, pages followed by {@code Link}, client-side filtering when the server did not say
 * {@code OCI-Filters-Applied: artifactType}; on {@code 404} (not {@code NAME_UNKNOWN}) or a non-index answer, the
 * fallback tag {@code sha256-<hex>}.
 */
final class ReferrersLister {
  private static final Logger LOG = LoggerFactory.getLogger(ReferrersLister.class);
  private final RemoteRepository repo;

  ReferrersLister(RemoteRepository repo) {
    this.repo = repo;
  }

  List<Descriptor> list(Digest subject, String artifactType) throws IOException {
    Optional<List<Descriptor>> viaApi = viaApi(subject, artifactType);
    if (viaApi.isPresent()) {
      return viaApi.get();
    }
    LOG.debug("No referrers API on {}; reading the fallback tag {}", repo.describe(), subject.toTagForm());
    Optional<OciDocument> fallback = repo.findManifest(subject.toTagForm());
    if (fallback.isEmpty()) {
      return List.of();
    }
    if (!fallback.get().isIndex()) {
      throw new RegistryException("The fallback tag " + repo.describe() + ":" + subject.toTagForm()
          + " holds a " + fallback.get().mediaType() + ", not an image index of referrers");
    }
    return filter(fallback.get().index().manifests(), artifactType);
  }

  /** Whether the registry answers the referrers API for {@code subject} (else clients use the fallback tag). */
  boolean apiAvailable(Digest subject) throws IOException {
    return viaApi(subject, MediaType.SOCI_INDEX_V1).isPresent();
  }

  private Optional<List<Descriptor>> viaApi(Digest subject, String artifactType) throws IOException {
    String action = "list referrers of " + repo.describe() + "@" + subject;
    HttpUrl url = repo.url("referrers", subject.toString());
    if (artifactType != null) {
      // OkHttp encodes '+' in a query value as %2B, as the spec requires (a bare '+' would read as a space).
      url = url.newBuilder().addQueryParameter("artifactType", artifactType).build();
    }
    List<Descriptor> all = new ArrayList<>();
    Set<HttpUrl> visited = new HashSet<>();
    while (url != null && visited.add(url)) {
      RegistryRequest req = RegistryRequest.get(url, repo.pull(), action)
          .withHeaders(Headers.of("Accept", MediaType.OCI_INDEX));
      try (Response r = repo.client().send(req, repo.cancellation())) {
        if (r.code() == 404) {
          SociscopeException e = repo.client().failure(r, action);
          if (e.getMessage().contains("NAME_UNKNOWN")) {
            throw e;
          }
          return Optional.empty();
        }
        if (!r.isSuccessful()) {
          throw repo.client().failure(r, action);
        }
        if (!MediaType.OCI_INDEX.equals(MediaType.stripParameters(r.header("Content-Type")))) {
          return Optional.empty(); // not a referrers answer: treat as unsupported
        }
        byte[] bytes = r.body().byteStream().readNBytes(16 << 20);
        ImageIndex index;
        try {
          index = OciJson.parseIndex(bytes);
        } catch (OciFormatException e) {
          throw new RegistryException("Tried to " + action + " but the answer is not a valid image index: "
              + e.getMessage(), e);
        }
        boolean filtered = ReferrersIndex.artifactTypeFilterApplied(r.header("OCI-Filters-Applied"), index);
        all.addAll(filtered ? index.manifests() : filter(index.manifests(), artifactType));
        url = Pagination.next(r);
      }
    }
    return Optional.of(all);
  }

  private static List<Descriptor> filter(List<Descriptor> descriptors, String artifactType) {
    if (artifactType == null) {
      return descriptors;
    }
    return descriptors.stream().filter(d -> artifactType.equals(d.artifactType())).toList();
  }
}
