package dev.sociscope.core.registry;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.RequestBody;

/**
 * One request on the client's single call path.
 *
 * @param method HTTP method
 * @param url absolute URL
 * @param headers extra headers (never Authorization: the client adds it)
 * @param body makes a fresh body for each attempt, or null
 * @param scopes token scopes the request needs
 * @param action what we were trying, for error messages ("get manifest 127.0.0.1:5000/app:1")
 * @param retryConnectionFailures whether a cut connection may be retried by resending the request
 */
record RegistryRequest(String method, HttpUrl url, Headers headers, Supplier<RequestBody> body,
    Collection<String> scopes, String action, boolean retryConnectionFailures) {

  static RegistryRequest get(HttpUrl url, Collection<String> scopes, String action) {
    return new RegistryRequest("GET", url, Headers.of(), null, List.copyOf(scopes), action, true);
  }

  RegistryRequest withHeaders(Headers newHeaders) {
    return new RegistryRequest(method, url, newHeaders, body, scopes, action, retryConnectionFailures);
  }

  RegistryRequest withMethod(String newMethod, Supplier<RequestBody> newBody) {
    return new RegistryRequest(newMethod, url, headers, newBody, scopes, action, retryConnectionFailures);
  }
}
