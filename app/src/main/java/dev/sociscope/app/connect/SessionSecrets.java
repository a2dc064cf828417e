package dev.sociscope.app.connect;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Passwords and tokens typed this session, by registry URL. Memory only: they are asked again next start. */
public final class SessionSecrets {
  private final Map<String, String> secrets = new ConcurrentHashMap<>();

  public void put(String url, String secret) {
    if (secret == null || secret.isEmpty()) {
      secrets.remove(url);
    } else {
      secrets.put(url, secret);
    }
  }

  public String get(String url) {
    return secrets.getOrDefault(url, "");
  }
}
