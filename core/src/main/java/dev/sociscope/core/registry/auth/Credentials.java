package dev.sociscope.core.registry.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What we may present to a registry. Exactly one form is used: username/password, an identity (OAuth2 refresh)
 * token, or a registry (bearer) token sent as is. {@link #toString()} never shows secrets.
 */
public final class Credentials {
  private final String username;
  private final String password;
  private final String identityToken;
  private final String registryToken;

  private Credentials(String username, String password, String identityToken, String registryToken) {
    this.username = username;
    this.password = password;
    this.identityToken = identityToken;
    this.registryToken = registryToken;
  }

  public static Credentials basic(String username, String password) {
    if (username == null || username.isEmpty()) {
      throw new IllegalArgumentException("username is empty");
    }
    return new Credentials(username, password == null ? "" : password, null, null);
  }

  /** An OAuth2 refresh token ({@code identitytoken} in Docker's config, or a helper's {@code <token>} user). */
  public static Credentials identityToken(String username, String token) {
    return new Credentials(username, null, token, null);
  }

  /** A bearer token to send as is ({@code registrytoken} in Docker's config). */
  public static Credentials registryToken(String token) {
    return new Credentials(null, null, null, token);
  }

  public String username() {
    return username;
  }

  public String password() {
    return password;
  }

  public String identityToken() {
    return identityToken;
  }

  public String registryToken() {
    return registryToken;
  }

  public boolean hasPassword() {
    return password != null;
  }

  /** The {@code Authorization} value for Basic authentication; only for username/password credentials. */
  String basicHeader() {
    String pair = username + ":" + password;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    if (registryToken != null) {
      return "Credentials[registry token]";
    }
    if (identityToken != null) {
      return "Credentials[identity token]";
    }
    return "Credentials[user=" + username + ", password=***]";
  }
}
