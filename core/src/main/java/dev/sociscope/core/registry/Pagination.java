package dev.sociscope.core.registry;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sociscope.core.registry.auth.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Response;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * Follows {@code Link: <url>; rel="next"} headers (parsed by {@link LinkHeader}; relative URLs resolve against the
 * request URL) only to the registry's own origin, and reads the names of a page as a stream, keeping no more than
 * the listing's limit.
 */
final class Pagination {
  /** A single page body larger than this is refused (a tag page of 100,000 names is about 4 MB). */
  static final long MAX_PAGE_BYTES = 32L << 20;

  private Pagination() {}

  /** The next-page URL a response names, resolved, or null; another origin than {@code origin} is refused. */
  static Next next(Response response, HttpUrl origin) {
    Optional<String> target = LinkHeader.next(response.headers("Link"));
    if (target.isEmpty()) {
      return new Next(null, null);
    }
    HttpUrl url = response.request().url().resolve(target.get());
    if (url == null) {
      return new Next(null, "the registry's next-page link '" + shown(target.get())
          + "' is not a URL");
    }
    if (!sameOrigin(url, origin)) {
      return new Next(null, "did not follow a next-page link to another host (" + url.scheme() + "://"
          + RegistryClient.hostKey(url) + ")");
    }
    return new Next(url, null);
  }

  /** A next-page URL, or why a link was not followed (both null: the last page). */
  record Next(HttpUrl url, String refused) {}

  static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equalsIgnoreCase(b.host()) && a.port() == b.port();
  }

  /**
   * The URL for one page: {@code base?n=pageSize&last=last}, or, when {@code last} is a URL (a {@code Link} cursor
   * from {@link #page}), that URL, which must point at the same registry as {@code base}.
   */
  static HttpUrl pageUrl(HttpUrl base, int pageSize, String last, String action) throws RegistryException {
    if (last != null && last.contains("://")) {
      HttpUrl link = HttpUrl.parse(last);
      if (link == null || !sameOrigin(link, base)) {
        throw new RegistryException("Tried to " + action + " but the next-page link '" + shown(last)
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
  static Page page(Names received, int pageSize, String last, Next link) {
    List<String> names = received.names();
    boolean ignoredLast = false;
    if (last != null && !last.isEmpty() && !last.contains("://")) {
      names = new ArrayList<>();
      for (String name : received.names()) {
        if (name.compareTo(last) > 0) {
          names.add(name);
        } else {
          ignoredLast = true;
        }
      }
    }
    Optional<String> cut = received.overflow()
        ? Optional.of("the registry sent more than " + received.names().size() + " names in one page")
        : Optional.ofNullable(link.refused());
    if (link.url() != null) {
      return new Page(names, ignoredLast && names.isEmpty() ? Optional.empty() : Optional.of(link.url().toString()),
          cut);
    }
    boolean full = pageSize > 0 && received.names().size() == pageSize && !names.isEmpty();
    return new Page(names, full && !ignoredLast && cut.isEmpty() ? Optional.of(names.get(names.size() - 1))
        : Optional.empty(), cut);
  }

  /** Names read from a page; {@code overflow}: the page held more than could be kept. */
  record Names(List<String> names, boolean overflow) {}

  /**
   * The strings of the top-level array {@code field} of a JSON page, streamed: at most {@code max} are kept
   * ({@code overflow} when there were more), and the body may not exceed {@link #MAX_PAGE_BYTES}.
   */
  static Names readNames(Response r, String field, int max, String action) throws IOException {
    List<String> names = new ArrayList<>();
    try (InputStream in = BoundedInputStream.builder().setInputStream(r.body().byteStream())
        .setMaxCount(MAX_PAGE_BYTES + 1).get();
        JsonParser p = RegistryClient.JSON.getFactory().createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw notJson(action);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (!name.equals(field) || t != JsonToken.START_ARRAY) {
          p.skipChildren();
          continue;
        }
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          if (t == null) {
            throw notJson(action);
          }
          if (t.isStructStart()) {
            p.skipChildren();
            continue;
          }
          if (names.size() >= max) {
            return new Names(names, true); // the rest of the body is not read; closing the response drops it
          }
          names.add(p.getValueAsString(p.getText()));
        }
      }
      return new Names(names, false);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw notJson(action);
    }
  }

  /** A link as shown in a message: no credentials or query, printable, short. */
  static String shown(String link) {
    String safe = Redaction.safeRealm(link).replaceAll("\\p{Cntrl}", "?");
    return safe.length() > 120 ? safe.substring(0, 120) + "..." : safe;
  }

  private static RegistryException notJson(String action) {
    return new RegistryException("Tried to " + action + " but the registry did not answer with a JSON name list"
        + " (or sent a page larger than " + (MAX_PAGE_BYTES >> 20) + " MiB)");
  }

  /** Counts the pages and entries of one listing against its limits and remembers why it stopped early. */
  static final class Walk {
    private final ListingLimits limits;
    private int pages;
    private int entries;
    private String cutShort;

    Walk(ListingLimits limits) {
      this.limits = limits;
    }

    /** Whether one more page may be requested; when not, the listing is marked cut short. */
    boolean mayRequest() {
      if (pages >= limits.maxPages()) {
        cut("stopped after " + pages + " pages (the limit; more are available)");
        return false;
      }
      pages++;
      return true;
    }

    /** How many more entries may be kept. */
    int room() {
      return limits.maxEntries() - entries;
    }

    void added(int n) {
      entries += n;
    }

    /** Marks the listing as stopped at the entry limit. */
    void entryLimitReached() {
      cut("stopped after " + entries + " entries (the limit; more are available)");
    }

    void cut(String reason) {
      if (cutShort == null && reason != null) {
        cutShort = reason;
      }
    }

    Optional<String> cutShort() {
      return Optional.ofNullable(cutShort);
    }
  }
}
