package dev.sociscope.core.registry.transport;

import java.net.URI;
import java.util.Optional;

/**
 * Which proxy a connection uses and why, for the user to see: {@code proxy} is empty for a direct connection;
 * {@code reason} names the setting that decided ({@code HTTPS_PROXY}, {@code NO_PROXY}, {@code loopback},
 * {@code this registry's setting}, {@code no proxy variable set}).
 */
public record ProxyChoice(Optional<URI> proxy, String reason) {
  /** The proxy without its credentials, e.g. {@code http://proxy.example:3128 (from HTTPS_PROXY)}, or "direct". */
  public String describe() {
    return proxy.map(p -> p.getScheme() + "://" + p.getHost() + (p.getPort() < 0 ? "" : ":" + p.getPort())
        + " (" + reason + ")").orElse("direct (" + reason + ")");
  }
}
