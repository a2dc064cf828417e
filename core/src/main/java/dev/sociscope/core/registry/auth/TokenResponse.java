package dev.sociscope.core.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sociscope.core.error.CorruptInputException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A token server's answer (distribution's token spec, OAuth2 form):
 * {@code {"token": "...", "access_token": "...", "expires_in": 300, "issued_at": "2026-...Z", "refresh_token": "..."}}.
 *
 * <p>Every number in it is the server's to choose, so each is bounded before it is used: {@code expires_in} counts
 * only between 1 second and {@link #MAX_LIFETIME} (else the 60-second default, or the cap), and {@code issued_at}
 * only when it lies within that span before now: a server clock ahead of ours would make a token look fresh for too
 * long, and a date from another era would overflow the expiry arithmetic.
 *
 * @param refreshToken the refresh token handed out, or null
 */
record TokenResponse(String token, Instant issuedAt, Instant expiresAt, String refreshToken) {
  static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);
  /** Longer lifetimes are cut to this: a token is then fetched again sooner, which is harmless. */
  static final Duration MAX_LIFETIME = Duration.ofDays(1);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String toString() {
    return "TokenResponse[issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + "]"; // never the token itself
  }

  /**
   * Reads a token answer received at {@code now}.
   *
   * @param shownRealm the realm as messages may name it (no user info, no query)
   * @throws CorruptInputException when the body is not JSON or holds no token
   */
  static TokenResponse parse(byte[] body, Instant now, String shownRealm) throws CorruptInputException {
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException | RuntimeException e) {
      throw new CorruptInputException("The token server " + shownRealm + " did not answer with JSON");
    }
    String token = text(json, "token");
    if (token == null || token.isEmpty()) {
      token = text(json, "access_token");
    }
    if (token == null || token.isEmpty()) {
      throw new CorruptInputException("The token server " + shownRealm + " answered without a token");
    }
    Duration lifetime = DEFAULT_LIFETIME;
    JsonNode expiresIn = json == null ? null : json.get("expires_in");
    if (expiresIn != null && expiresIn.isNumber() && expiresIn.canConvertToLong() && expiresIn.asLong() > 0) {
      lifetime = Duration.ofSeconds(Math.min(expiresIn.asLong(), MAX_LIFETIME.toSeconds()));
    }
    Instant issued = now;
    String issuedAt = text(json, "issued_at");
    if (issuedAt != null) {
      try {
        Instant parsed = Instant.parse(issuedAt);
        if (parsed.isBefore(now) && parsed.isAfter(now.minus(lifetime))) {
          issued = parsed;
        }
      } catch (DateTimeParseException e) {
        // an unreadable issued_at is ignored: the answer's arrival time is the next best thing
      }
    }
    String refresh = text(json, "refresh_token");
    return new TokenResponse(token, issued, issued.plus(lifetime), refresh == null || refresh.isEmpty() ? null
        : refresh);
  }

  private static String text(JsonNode json, String field) {
    JsonNode node = json == null ? null : json.get(field);
    return node == null || node.isNull() ? null : node.asText();
  }
}
