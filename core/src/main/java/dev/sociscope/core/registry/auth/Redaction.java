package dev.sociscope.core.registry.auth;

import okhttp3.HttpUrl;

/** URLs and realms made fit for messages and logs: no user info, no query (where tokens and signatures travel). */
public final class Redaction {
  private Redaction() {}

  /** {@code url} without user, password and query. */
  public static String safeUrl(HttpUrl url) {
    return url.newBuilder().username("").password("").query(null).build().toString();
  }

  /** A realm fit for messages: a Basic realm's name as is, a token realm's URL through {@link #safeUrl}. */
  public static String safeRealm(String realm) {
    HttpUrl url = HttpUrl.parse(realm);
    return url == null ? realm : safeUrl(url);
  }
}
