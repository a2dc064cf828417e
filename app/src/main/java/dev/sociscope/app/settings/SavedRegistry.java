package dev.sociscope.app.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * A registry the user connected to. Never holds a secret: passwords and tokens stay in memory for the session or
 * go to Docker's credential store, and a {@code user:password@} in the URL is dropped here, whoever builds this.
 * TLS files are remembered as paths only (the key is never copied); the proxy is a setting, not a credential
 * store, so its own {@code user:password@} is dropped too.
 *
 * @param url base URL, e.g. {@code https://registry.example.com} or {@code http://127.0.0.1:5000}
 * @param auth how to authenticate
 * @param username for {@link AuthMode#PASSWORD}, else empty
 * @param allowPlainHttp whether {@code http://} is allowed for this registry
 * @param caFile extra CA certificates (PEM) for this registry, or empty
 * @param clientCert client certificate (PEM) for mutual TLS, or empty
 * @param clientKey the client certificate's key (PEM), or empty
 * @param proxy empty to follow HTTPS_PROXY/NO_PROXY, {@code direct}, or a proxy URL
 * @param timeout the longest wait for a connection or an answer ({@code 10s}, {@code 2m}), empty for the defaults
 */
public record SavedRegistry(String name, String url, AuthMode auth, String username, boolean allowPlainHttp,
    String caFile, String clientCert, String clientKey, String proxy, String timeout) {
  /** How a registry connection authenticates. */
  public enum AuthMode { ANONYMOUS, PASSWORD, TOKEN, DOCKER_CREDENTIALS }

  public SavedRegistry {
    Objects.requireNonNull(url, "url");
    url = withoutUserInfo(url);
    name = name == null || name.isBlank() ? url : withoutUserInfo(name);
    auth = auth == null ? AuthMode.ANONYMOUS : auth;
    username = username == null ? "" : username;
    caFile = caFile == null ? "" : caFile.strip();
    clientCert = clientCert == null ? "" : clientCert.strip();
    clientKey = clientKey == null ? "" : clientKey.strip();
    proxy = proxy == null ? "" : withoutUserInfo(proxy.strip());
    timeout = timeout == null ? "" : timeout.strip();
  }

  /** A registry without TLS files and with the environment's proxy. */
  public SavedRegistry(String name, String url, AuthMode auth, String username, boolean allowPlainHttp) {
    this(name, url, auth, username, allowPlainHttp, "", "", "", "", "");
  }

  public SavedRegistry withTls(String ca, String cert, String key) {
    return new SavedRegistry(name, url, auth, username, allowPlainHttp, ca, cert, key, proxy, timeout);
  }

  public SavedRegistry withProxy(String value) {
    return new SavedRegistry(name, url, auth, username, allowPlainHttp, caFile, clientCert, clientKey, value,
        timeout);
  }

  /** {@code scheme://user:pass@host/...} without {@code user:pass@}; anything else unchanged. */
  public static String withoutUserInfo(String value) {
    String v = value.strip();
    int scheme = v.indexOf("://");
    int at = v.indexOf('@');
    if (at < 0) {
      return value;
    }
    int start = scheme >= 0 ? scheme + 3 : 0;
    int slash = v.indexOf('/', start);
    if (at < start || (slash >= 0 && at > slash)) {
      return value; // an @ in a path, e.g. a digest reference
    }
    return v.substring(0, start) + v.substring(at + 1);
  }

  /** The {@code user} and {@code password} written into a URL, or null. */
  public static String[] userInfo(String value) {
    try {
      String v = value.strip();
      URI uri = new URI(v.contains("://") ? v : "https://" + v);
      String info = uri.getUserInfo();
      if (info == null || info.isEmpty()) {
        return null;
      }
      int colon = info.indexOf(':');
      return colon < 0 ? new String[] {info, ""} : new String[] {info.substring(0, colon), info.substring(colon + 1)};
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
