package dev.sociscope.core.registry;

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
}
