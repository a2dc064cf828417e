package dev.sociscope.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sociscope.core.error.NotFoundException;
import dev.sociscope.core.error.SociscopeException;
import dev.sociscope.core.error.UnauthorizedException;
import dev.sociscope.core.registry.auth.AuthChallenge;
import dev.sociscope.core.registry.auth.RegistryAuthenticator;
import dev.sociscope.core.registry.auth.Redaction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Unsuccessful registry answers as typed errors: 401/403 unauthorized (with the realm, redacted), 404 not found,
 * anything else with the status and the error codes of the body (spec 7.10). Bodies are read only up to a small
 * limit and only for the message.
 */
final class ResponseFailures {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private ResponseFailures() {}

  /** Turns an unsuccessful response into a typed, readable exception (and closes nothing: the caller does). */
  static SociscopeException of(Response r, String action, RegistryAuthenticator auth) {
    int code = r.code();
    List<String> codes = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    try {
      ResponseBody body = r.body();
      byte[] bytes = body == null ? new byte[0] : body.byteStream().readNBytes(MAX_ERROR_BODY);
      if (bytes.length > 0) {
        try {
          JsonNode json = JSON.readTree(bytes);
          for (JsonNode err : json.path("errors")) {
            String c = err.path("code").asText("");
            String m = err.path("message").asText("");
            if (!c.isEmpty()) {
              codes.add(c);
            }
            messages.add(c.isEmpty() ? m : m.isEmpty() ? c : c + ": " + m);
          }
        } catch (IOException notJson) {
          String text = new String(bytes, StandardCharsets.UTF_8).strip();
          if (!text.isEmpty() && text.length() < 200 && !text.contains("<")) {
            messages.add(text);
          }
        }
      }
    } catch (IOException e) {
      // The body is only for the message; the status says enough.
    }
    String detail = messages.isEmpty() ? "" : " (" + String.join("; ", messages) + ")";
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
        code, codes);
  }
}
