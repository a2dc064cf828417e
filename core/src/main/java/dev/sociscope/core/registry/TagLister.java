package dev.sociscope.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Response;

/**
 * {@code GET /v2/<name>/tags/list}: follows {@code Link} pages (relative URLs), falls back to {@code last=} when
 * a server sends full pages without {@code Link}, and stops when a server ignores {@code n}/{@code last}.
 */
final class TagLister {
  private final RemoteRepository repo;

  TagLister(RemoteRepository repo) {
    this.repo = repo;
  }

  List<String> list(int pageSize) throws IOException {
    String action = "list tags of " + repo.describe();
    List<String> all = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    HttpUrl url = repo.url("tags", "list");
    if (pageSize > 0) {
      url = url.newBuilder().addQueryParameter("n", Integer.toString(pageSize)).build();
    }
    Set<HttpUrl> visited = new HashSet<>();
    while (url != null && visited.add(url)) {
      HttpUrl next;
      int added = 0;
      int received = 0;
      try (Response r = repo.client().send(RegistryRequest.get(url, repo.pull(), action), repo.cancellation())) {
        if (!r.isSuccessful()) {
          throw repo.client().failure(r, action);
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
        next = repo.url("tags", "list").newBuilder().addQueryParameter("n", Integer.toString(pageSize))
            .addQueryParameter("last", all.get(all.size() - 1)).build();
      }
      url = next;
    }
    return all;
  }

  Page page(int pageSize, String last) throws IOException {
    String action = "list tags of " + repo.describe();
    HttpUrl url = Pagination.pageUrl(repo.url("tags", "list"), pageSize, last, action);
    try (Response r = repo.client().send(RegistryRequest.get(url, repo.pull(), action), repo.cancellation())) {
      if (!r.isSuccessful()) {
        throw repo.client().failure(r, action);
      }
      JsonNode body = RegistryClient.readJson(r, action);
      List<String> names = new ArrayList<>();
      for (JsonNode t : body.path("tags")) {
        names.add(t.asText());
      }
      return Pagination.page(names, pageSize, last, Pagination.next(r));
    }
  }
}
