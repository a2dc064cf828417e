package dev.sociscope.core.registry;

import dev.sociscope.core.error.CorruptInputException;
import dev.sociscope.core.error.SociscopeException;
import dev.sociscope.core.image.ReferrerListing;
import dev.sociscope.core.io.Futures;
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
import java.util.concurrent.CompletableFuture;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists referrers (spec 2.5): {@code GET /v2/<R>/referrers/<digest>?artifactType=<type>} with the {@code +}
 * percent-encoded, pages followed by {@code Link} (same origin only, within {@link ListingLimits#DEFAULT}),
 * client-side filtering when the server did not say {@code OCI-Filters-Applied: artifactType}; on {@code 404} (not
 * {@code NAME_UNKNOWN}) or a non-index answer, the fallback tag {@code sha256-<hex>}.
 *
 * <p>For discovery the fallback tag is read at the same time as the API is asked (one round trip instead of two on
 * registries without the API); for updates ({@link #listForUpdate}) the fallback tag is read only when the API is
 * missing, and its absence must be definite ({@link DefiniteTagLookup}).
 */
final class ReferrersLister {
  private static final Logger LOG = LoggerFactory.getLogger(ReferrersLister.class);
  private final RemoteRepository repo;

  ReferrersLister(RemoteRepository repo) {
    this.repo = repo;
  }

  ReferrerListing list(Digest subject, String artifactType) throws IOException {
    String tag = ReferrersIndex.fallbackTag(subject);
    // Unless this repository is known to serve the API, read the fallback tag while the API is asked.
    CompletableFuture<Optional<OciDocument>> fallback = Boolean.TRUE.equals(repo.referrersApiKnown().get()) ? null
        : Futures.alongside(() -> repo.findManifest(tag));
    Optional<ReferrerListing> viaApi = viaApi(subject, artifactType); // the fallback read's answer is then unused
    if (viaApi.isPresent()) {
      return viaApi.get();
    }
    LOG.debug("No referrers API on {}; reading the fallback tag {}", repo.describe(), tag);
    return ReferrerListing.complete(
        fromFallback(fallback != null ? Futures.join(fallback) : repo.findManifest(tag), subject, artifactType));
  }

  /**
   * The referrers as they must be known before the fallback tag is rewritten: the API's answer, else the fallback
   * tag read so that only a definite "does not exist" gives an empty list.
   */
  List<Descriptor> listForUpdate(Digest subject) throws IOException {
    Optional<ReferrerListing> viaApi = viaApi(subject, null);
    if (viaApi.isPresent()) {
      return viaApi.get().descriptors();
    }
    return fromFallback(repo.findTagDefinitely(ReferrersIndex.fallbackTag(subject)), subject, null);
  }

  private List<Descriptor> fromFallback(Optional<OciDocument> fallback, Digest subject, String artifactType)
      throws RegistryException {
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

  private Optional<ReferrerListing> viaApi(Digest subject, String artifactType) throws IOException {
    String action = "list referrers of " + repo.describe() + "@" + subject;
    HttpUrl first = repo.url("referrers", subject.toString());
    HttpUrl url = first;
    if (artifactType != null) {
      // OkHttp encodes '+' in a query value as %2B, as the spec requires (a bare '+' would read as a space).
      url = url.newBuilder().addQueryParameter("artifactType", artifactType).build();
    }
    List<Descriptor> all = new ArrayList<>();
    Set<HttpUrl> visited = new HashSet<>();
    Pagination.Walk walk = new Pagination.Walk(ListingLimits.DEFAULT);
    while (url != null && visited.add(url) && walk.mayRequest()) {
      RegistryRequest req = RegistryRequest.get(url, repo.pull(), action)
          .withHeaders(Headers.of("Accept", MediaType.OCI_INDEX));
      try (Response r = repo.client().send(req, repo.cancellation())) {
        if (r.code() == 404) {
          SociscopeException e = repo.client().failure(r, action);
          if (e.getMessage().contains("NAME_UNKNOWN")) {
            throw e;
          }
          if (!all.isEmpty()) {
            throw e; // a later page vanished: the listing would be partial
          }
          repo.referrersApiKnown().set(Boolean.FALSE);
          return Optional.empty();
        }
        if (!r.isSuccessful()) {
          throw repo.client().failure(r, action);
        }
        if (!MediaType.OCI_INDEX.equals(MediaType.stripParameters(r.header("Content-Type")))) {
          if (!all.isEmpty()) {
            throw new RegistryException("Tried to " + action + " but a later page is not an image index");
          }
          repo.referrersApiKnown().set(Boolean.FALSE);
          return Optional.empty(); // not a referrers answer: treat as unsupported
        }
        ImageIndex index;
        try {
          index = OciJson.parseIndex(readPage(r, action));
        } catch (OciFormatException e) {
          throw new RegistryException("Tried to " + action + " but the answer is not a valid image index: "
              + e.getMessage(), e);
        }
        boolean filtered = ReferrersIndex.artifactTypeFilterApplied(r.header("OCI-Filters-Applied"), index);
        List<Descriptor> page = filtered ? index.manifests() : filter(index.manifests(), artifactType);
        int room = walk.room();
        if (index.manifests().size() > room) {
          all.addAll(page.subList(0, Math.min(page.size(), room)));
          walk.added(room);
          walk.entryLimitReached();
          break;
        }
        all.addAll(page);
        walk.added(index.manifests().size());
        Pagination.Next next = Pagination.next(r, first);
        walk.cut(next.refused());
        url = next.url();
      }
    }
    repo.referrersApiKnown().set(Boolean.TRUE);
    walk.cutShort().ifPresent(why -> LOG.warn("The referrers of {}@{} were cut short: {}", repo.describe(), subject,
        why));
    return Optional.of(new ReferrerListing(all, walk.cutShort()));
  }

  /** One referrers page, at most the size of a manifest (the response is an image index). */
  private static byte[] readPage(Response r, String action) throws IOException {
    ResponseBody body = r.body();
    int max = ManifestFetcher.MAX_MANIFEST_BYTES;
    byte[] bytes = body.contentLength() > max ? null : body.byteStream().readNBytes(max + 1);
    if (bytes == null || bytes.length > max) {
      throw new CorruptInputException("Tried to " + action + " but a page of the answer is larger than the "
          + (max >> 20) + " MiB an image index may have");
    }
    return bytes;
  }

  private static List<Descriptor> filter(List<Descriptor> descriptors, String artifactType) {
    if (artifactType == null) {
      return descriptors;
    }
    return descriptors.stream().filter(d -> artifactType.equals(d.artifactType())).toList();
  }
}
