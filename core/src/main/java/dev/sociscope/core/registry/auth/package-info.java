/**
 * Registry authentication (spec 7.2-7.4): {@code WWW-Authenticate} challenges parsed as RFC 7235 auth-params,
 * Basic, and Bearer tokens (anonymous, with username/password, or with a refresh token) cached per realm, service
 * and scope set until they expire. Credentials come from a {@link dev.sociscope.core.registry.auth.CredentialProvider}:
 * the command line, the app's own store, or Docker's {@code config.json} with its credential helpers.
 */
package dev.sociscope.core.registry.auth;
