package dev.sociscope.core.registry;

import dev.sociscope.core.error.SociscopeException;
import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.registry.auth.Scopes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Response;

/**
 * {@code GET /v2/_catalog} (spec 7.8): all repositories following {@code Link} pages on the registry's own origin
 * up to the listing's limits, or one page at a time.
 */
final class CatalogLister {
  private final RegistryClient client;
  private final String apiHost;
  private final String action;

  CatalogLister(RegistryClient client, String apiHost) {
    this.client = client;
    this.apiHost = apiHost;
    this.action = "list the repositories (catalog) of " + apiHost;
  }

  Listing all(int pageSize, ListingLimits limits, Cancellation cancel) throws IOException {
    HttpUrl first = client.baseUrl(apiHost).resolve("/v2/_catalog");
    HttpUrl url = first;
    if (pageSize > 0) {
      url = url.newBuilder().addQueryParameter("n", Integer.toString(pageSize)).build();
    }
    List<String> all = new ArrayList<>();
    Set<HttpUrl> seen = new HashSet<>();
    Pagination.Walk walk = new Pagination.Walk(limits);
    while (url != null && seen.add(url) && walk.mayRequest()) {
      try (Response r = send(url, cancel)) {
        Pagination.Names names = Pagination.readNames(r, "repositories", walk.room(), action);
        all.addAll(names.names());
        walk.added(names.names().size());
        if (names.overflow()) {
          walk.entryLimitReached();
          break;
        }
        Pagination.Next next = Pagination.next(r, first);
        walk.cut(next.refused());
        url = next.url();
      }
    }
    return new Listing(all, walk.cutShort());
  }

  Page page(int pageSize, String last, ListingLimits limits, Cancellation cancel) throws IOException {
    HttpUrl base = client.baseUrl(apiHost).resolve("/v2/_catalog");
    HttpUrl url = Pagination.pageUrl(base, pageSize, last, action);
    try (Response r = send(url, cancel)) {
      Pagination.Names names = Pagination.readNames(r, "repositories", limits.maxEntries(), action);
      return Pagination.page(names, pageSize, last, Pagination.next(r, base));
    }
  }

  private Response send(HttpUrl url, Cancellation cancel) throws IOException {
    Response r = client.send(RegistryRequest.get(url, List.of(Scopes.CATALOG), action), cancel);
    if (r.code() == 401 || r.code() == 403 || r.code() == 404) {
      try (r) {
        SociscopeException cause = client.failure(r, action);
        throw new SociscopeException(cause.kind(), "Catalog not available on " + apiHost + ": "
            + cause.getMessage(), cause);
      }
    }
    if (!r.isSuccessful()) {
      try (r) {
        throw client.failure(r, action);
      }
    }
    return r;
  }
}
