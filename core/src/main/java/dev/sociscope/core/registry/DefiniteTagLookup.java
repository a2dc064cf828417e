package dev.sociscope.core.registry;

import dev.sociscope.core.error.ErrorKind;
import dev.sociscope.core.error.SociscopeException;
import dev.sociscope.core.oci.OciDocument;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a tag whose absence must be certain because something is rebuilt from what was read: the referrers fallback
 * tag ({@code sha256-<hex>}) is rewritten from its current list, so a read that wrongly said "absent" would drop
 * every other index and signature listed there. A transient 404 from a load balancer or a replica that has not
 * caught up must not count as "the tag does not exist".
 *
 * <p>A 404 is accepted as absence only when a second read after a pause says 404 too, and then either a complete
 * tag listing does not name the tag, or (when the listing is unavailable or cut short) both 404s carried a
 * "does not exist" error code ({@code MANIFEST_UNKNOWN}, {@code NAME_UNKNOWN}, {@code NOT_FOUND}). Anything else
 * (5xx after the client's retries, a tag listed but not returned, bare 404s that nothing confirms) ends in a
 * {@link RegistryException} before anything is written.
 */
final class DefiniteTagLookup {
  private static final Logger LOG = LoggerFactory.getLogger(DefiniteTagLookup.class);
  /** Error codes that say "no such manifest/tag/repository" (distribution, Harbor, GHCR, ECR, Quay). */
  static final Set<String> DOES_NOT_EXIST = Set.of("MANIFEST_UNKNOWN", "NAME_UNKNOWN", "NOT_FOUND");

  private final RemoteRepository repo;

  DefiniteTagLookup(RemoteRepository repo) {
    this.repo = repo;
  }

  Optional<OciDocument> find(String tag) throws IOException {
    String action = "read tag " + repo.describe() + ":" + tag;
    RetryPolicy retry = repo.client().retryPolicy();
    ManifestFetcher fetcher = new ManifestFetcher(repo);
    boolean allCoded = true;
    for (int read = 0; read < 2; read++) {
      if (read > 0) {
        repo.client().backOff(retry.backoff(0), repo.url(), repo.cancellation(), action);
      }
      ManifestFetcher.Lookup l = fetcher.lookup(tag);
      if (l.document() != null) {
        return Optional.of(l.document());
      }
      allCoded &= l.notFoundCodes().stream().anyMatch(DOES_NOT_EXIST::contains);
    }
    Boolean listed = listedInTags(tag);
    if (Boolean.FALSE.equals(listed) || listed == null && allCoded) {
      return Optional.empty();
    }
    if (Boolean.TRUE.equals(listed)) {
      // The registry names the tag but would not return it: keep asking a bounded number of times.
      for (int attempt = 0; attempt < retry.maxRetries(); attempt++) {
        repo.client().backOff(retry.backoff(attempt), repo.url(), repo.cancellation(), action);
        ManifestFetcher.Lookup l = fetcher.lookup(tag);
        if (l.document() != null) {
          return Optional.of(l.document());
        }
      }
      throw new RegistryException("Tried to " + action + " but the registry lists the tag and answers 404 for it;"
          + " refusing to rewrite it from an empty list (try again later)");
    }
    throw new RegistryException("Tried to " + action + " but the registry answered 404 without saying the tag does"
        + " not exist, and its tag list could not confirm it; refusing to rewrite it from an empty list");
  }

  /** TRUE/FALSE from a complete tag listing; null when the listing failed or was cut short. */
  private Boolean listedInTags(String tag) throws IOException {
    try {
      Listing tags = new TagLister(repo).list(0, ListingLimits.DEFAULT);
      if (tags.names().contains(tag)) {
        return Boolean.TRUE;
      }
      return tags.complete() ? Boolean.FALSE : null;
    } catch (SociscopeException e) {
      if (e.kind() == ErrorKind.CANCELLED) {
        throw e;
      }
      if (e.kind() == ErrorKind.NOT_FOUND && e.getMessage().contains("NAME_UNKNOWN")) {
        return Boolean.FALSE; // the repository has no tags at all
      }
      LOG.debug("Tag list of {} unavailable to confirm a 404: {}", repo.describe(), e.getMessage());
      return null;
    }
  }
}
