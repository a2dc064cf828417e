package dev.sociscope.core.registry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Response;

/**
 * {@code GET /v2/<name>/tags/list}: follows {@code Link} pages on the registry's own origin, falls back to
 * {@code last=} when a server sends full pages without {@code Link}, stops when a server ignores {@code n}/{@code
 * last}, and stops (saying so) at the listing's limits.
 */
final class TagLister {
  private final RemoteRepository repo;

  TagLister(RemoteRepository repo) {
    this.repo = repo;
  }

  Listing list(int pageSize, ListingLimits limits) throws IOException {
    String action = "list tags of " + repo.describe();
    List<String> all = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    HttpUrl first = repo.url("tags", "list");
    HttpUrl url = first;
    if (pageSize > 0) {
      url = url.newBuilder().addQueryParameter("n", Integer.toString(pageSize)).build();
    }
    Pagination.Walk walk = new Pagination.Walk(limits);
    Set<HttpUrl> visited = new HashSet<>();
    while (url != null && visited.add(url) && walk.mayRequest()) {
      Pagination.Next next;
      int added = 0;
      Pagination.Names names;
      try (Response r = repo.client().send(RegistryRequest.get(url, repo.pull(), action), repo.cancellation())) {
        if (!r.isSuccessful()) {
          throw repo.client().failure(r, action);
        }
        names = Pagination.readNames(r, "tags", walk.room(), action);
        next = Pagination.next(r, first);
      }
      for (String t : names.names()) {
        if (seen.add(t)) {
          all.add(t);
          added++;
        }
      }
      walk.added(added);
      if (names.overflow()) {
        walk.entryLimitReached();
        break;
      }
      walk.cut(next.refused());
      HttpUrl following = next.url();
      if (following == null && next.refused() == null && pageSize > 0 && names.names().size() >= pageSize
          && added > 0) {
        following = first.newBuilder().addQueryParameter("n", Integer.toString(pageSize))
            .addQueryParameter("last", all.get(all.size() - 1)).build();
      }
      url = following;
    }
    return new Listing(all, walk.cutShort());
  }

  Page page(int pageSize, String last, ListingLimits limits) throws IOException {
    String action = "list tags of " + repo.describe();
    HttpUrl base = repo.url("tags", "list");
    HttpUrl url = Pagination.pageUrl(base, pageSize, last, action);
    try (Response r = repo.client().send(RegistryRequest.get(url, repo.pull(), action), repo.cancellation())) {
      if (!r.isSuccessful()) {
        throw repo.client().failure(r, action);
      }
      Pagination.Names names = Pagination.readNames(r, "tags", limits.maxEntries(), action);
      return Pagination.page(names, pageSize, last, Pagination.next(r, base));
    }
  }
}
