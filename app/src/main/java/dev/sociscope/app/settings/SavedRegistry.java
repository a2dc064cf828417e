package dev.sociscope.app.settings;

import java.util.Objects;

/**
 * A registry the user connected to. Never holds a secret: passwords and tokens stay in memory for the session or
 * come from Docker's credential store.
 *
 * @param url base URL, e.g. {@code https://registry.example.com} or {@code http://127.0.0.1:5000}
 * @param auth how to authenticate
 * @param username for {@link AuthMode#PASSWORD}, else empty
 * @param allowPlainHttp whether {@code http://} is allowed for this registry
 */
public record SavedRegistry(String name, String url, AuthMode auth, String username, boolean allowPlainHttp) {
  /** How a registry connection authenticates. */
  public enum AuthMode { ANONYMOUS, PASSWORD, TOKEN, DOCKER_CREDENTIALS }

  public SavedRegistry {
    Objects.requireNonNull(url, "url");
    name = name == null || name.isBlank() ? url : name;
    auth = auth == null ? AuthMode.ANONYMOUS : auth;
    username = username == null ? "" : username;
  }
}
