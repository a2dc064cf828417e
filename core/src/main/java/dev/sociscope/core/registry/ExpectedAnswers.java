package dev.sociscope.core.registry;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which registry answers that are not a success are nonetheless part of the normal protocol, so a request log can
 * show them as information instead of failures: the {@code 401} challenge before a token is fetched, a {@code 404}
 * to a {@code HEAD} (an existence check before an upload), a {@code 404} from the referrers API (the registry has
 * none; the fallback tag {@code sha256-<hex>} is read next, see {@link ReferrersLister}) and a {@code 404} for that
 * fallback tag (the image has no referrers).
 */
public final class ExpectedAnswers {
  private static final Pattern REFERRERS = Pattern.compile("/v2/.+/referrers/sha256:[0-9a-f]{64}/?");
  private static final Pattern FALLBACK_TAG = Pattern.compile("/v2/.+/manifests/sha256-[0-9a-f]{64}/?");

  private ExpectedAnswers() {}

  /**
   * Why the answer {@code code} to {@code method path} is expected, or empty when it is a success (nothing to
   * explain) or a real failure.
   *
   * @param path the URL path, without host or query
   */
  public static Optional<String> explain(String method, String path, int code) {
    if (code < 400) {
      return Optional.empty();
    }
    if (code == 401) {
      return Optional.of("authentication challenge; credentials or a token follow");
    }
    if (code != 404) {
      return Optional.empty();
    }
    if ("HEAD".equals(method)) {
      return Optional.of("not there yet (existence check)");
    }
    if ("GET".equals(method) && REFERRERS.matcher(path).matches()) {
      return Optional.of("no referrers API here; the fallback tag is read instead");
    }
    if ("GET".equals(method) && FALLBACK_TAG.matcher(path).matches()) {
      return Optional.of("no referrers fallback tag: the image has no SOCI index listed");
    }
    return Optional.empty();
  }
}
