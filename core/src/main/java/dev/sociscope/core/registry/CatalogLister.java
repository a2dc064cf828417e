package dev.sociscope.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
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

/** {@code GET /v2/_catalog} (spec 7.8): all repositories following {@code Link} pages, or one page at a time. */
final class CatalogLister {
  private final RegistryClient client;
  private final String apiHost;
  private final String action;

  CatalogLister(RegistryClient client, String apiHost) {
    this.client = client;
    this.apiHost = apiHost;
    this.action = "list the repositories (catalog) of " + apiHost;
  }

  List<String> all(int pageSize, Cancellation cancel) throws IOException {
    HttpUrl url = client.baseUrl(apiHost).resolve("/v2/_catalog");
    if (pageSize > 0) {
      url = url.newBuilder().addQueryParameter("n", Integer.toString(pageSize)).build();
    }
    List<String> all = new ArrayList<>();
    Set<HttpUrl> seen = new HashSet<>();
    while (url != null && seen.add(url)) {
      try (Response r = send(url, cancel)) {
        all.addAll(names(r));
        url = Pagination.next(r);
      }
    }
    return all;
  }

  Page page(int pageSize, String last, Cancellation cancel) throws IOException {
    HttpUrl url = Pagination.pageUrl(client.baseUrl(apiHost).resolve("/v2/_catalog"), pageSize, last, action);
    try (Response r = send(url, cancel)) {
      return Pagination.page(names(r), pageSize, last, Pagination.next(r));
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

  private List<String> names(Response r) throws IOException {
    JsonNode body = RegistryClient.readJson(r, action);
    List<String> names = new ArrayList<>();
    for (JsonNode repo : body.path("repositories")) {
      names.add(repo.asText());
    }
    return names;
  }
}
