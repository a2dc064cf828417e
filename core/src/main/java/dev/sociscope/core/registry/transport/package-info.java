/**
 * How registry requests travel: which hosts count as loopback, the TLS trust and client certificates for a host
 * ({@code --tls-ca-cert}, {@code --tls-cert}/{@code --tls-key}, the {@code certs.d} folders Docker and podman read),
 * the proxy from {@code HTTPS_PROXY}/{@code HTTP_PROXY}/{@code NO_PROXY}, the time-outs and the whole-command
 * deadline, and the one-sentence wording of connection failures. It knows nothing of the registry protocol.
 */
package dev.sociscope.core.registry.transport;
