package dev.sociscope.core.registry;

import dev.sociscope.core.error.NotFoundException;
import dev.sociscope.core.error.SociscopeException;
import dev.sociscope.core.error.UnauthorizedException;
import dev.sociscope.core.registry.auth.AuthChallenge;
import dev.sociscope.core.registry.auth.RegistryAuthenticator;
import dev.sociscope.core.registry.auth.Redaction;
import java.util.List;
import okhttp3.Response;

/**
 * Unsuccessful registry answers as typed errors: 401/403 unauthorized (with the realm, redacted), 404 not found,
 * anything else with the status and the error codes of the body (spec 7.10). Bodies are read only up to a small
 * limit and only for the message.
 */
final class ResponseFailures {

  private ResponseFailures() {}

  /** Turns an unsuccessful response into a typed, readable exception (and closes nothing: the caller does). */
  static SociscopeException of(Response r, String action, RegistryAuthenticator auth) {
    int code = r.code();
    ErrorBody body = ErrorBody.read(r);
    String detail = body.detail();
    if (code == 401 || code == 403) {
      String host = RegistryClient.hostKey(r.request().url());
      String realm = auth.challengeFor(host).map(AuthChallenge::realm).orElse(null);
      List<AuthChallenge> sent = AuthChallenge.parseAll(r.headers("WWW-Authenticate"));
      if (!sent.isEmpty() && sent.get(0).realm() != null) {
        realm = sent.get(0).realm();
      }
      String realmText = realm == null ? "" : " for realm \"" + Redaction.safeRealm(realm) + "\"";
      String what = code == 401 ? "authentication required" + realmText + ": no credentials were accepted"
          : "access denied" + realmText;
      return new UnauthorizedException("Tried to " + action + " but " + host + " answered HTTP " + code + ", "
          + what + detail, realm);
    }
    if (code == 404) {
      return new NotFoundException("Tried to " + action + " but it was not found" + detail);
    }
    return new RegistryErrorException("Tried to " + action + " but the registry answered HTTP " + code + detail,
        code, body.codes());
  }
}
