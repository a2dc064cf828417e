package dev.sociscope.core.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Response;

/** Follows {@code Link: <url>; rel="next"} headers; relative URLs resolve against the request URL. */
final class Pagination {
  private Pagination() {}

  static HttpUrl next(Response response) {
    for (String link : response.headers("Link")) {
      for (String part : link.split(",(?=\\s*<)")) {
        int open = part.indexOf('<');
        int close = part.indexOf('>', open + 1);
        if (open < 0 || close < 0) {
          continue;
        }
        String params = part.substring(close + 1).toLowerCase(java.util.Locale.ROOT);
        if (params.matches(".*rel\\s*=\\s*\"?next\"?.*")) {
          return response.request().url().resolve(part.substring(open + 1, close).trim());
        }
      }
    }
    return null;
  }

  /**
   * The URL for one page: {@code base?n=pageSize&last=last}, or, when {@code last} is a URL (a {@code Link} cursor
   * from {@link #page}), that URL, which must point at the same registry as {@code base}.
   */
  static HttpUrl pageUrl(HttpUrl base, int pageSize, String last, String action) throws RegistryException {
    if (last != null && last.contains("://")) {
      HttpUrl link = HttpUrl.parse(last);
      if (link == null || !link.host().equals(base.host()) || link.port() != base.port()
          || !link.scheme().equals(base.scheme())) {
        throw new RegistryException("Tried to " + action + " but the next-page link '" + last
            + "' does not point at " + base.scheme() + "://" + base.host() + ":" + base.port());
      }
      return link;
    }
    HttpUrl.Builder b = base.newBuilder();
    if (pageSize > 0) {
      b.addQueryParameter("n", Integer.toString(pageSize));
    }
    if (last != null && !last.isEmpty()) {
      b.addQueryParameter("last", last);
    }
    return b.build();
  }

  /**
   * Makes a page from the names a server sent: the {@code Link} next URL when there is one, else {@code last=} with
   * the final name when the page is full. A server that ignores {@code n} (sends more than asked) or {@code last}
   * (sends names not after it) has no next page; names not after {@code last} are dropped.
   */
  static Page page(List<String> received, int pageSize, String last, HttpUrl link) {
    List<String> names = received;
    boolean ignoredLast = false;
    if (last != null && !last.isEmpty() && !last.contains("://")) {
      names = new ArrayList<>();
      for (String name : received) {
        if (name.compareTo(last) > 0) {
          names.add(name);
        } else {
          ignoredLast = true;
        }
      }
    }
    if (link != null) {
      return new Page(names, ignoredLast && names.isEmpty() ? Optional.empty() : Optional.of(link.toString()));
    }
    boolean full = pageSize > 0 && received.size() == pageSize && !names.isEmpty();
    return new Page(names, full && !ignoredLast ? Optional.of(names.get(names.size() - 1)) : Optional.empty());
  }
}
