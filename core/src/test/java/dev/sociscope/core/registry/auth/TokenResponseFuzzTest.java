package dev.sociscope.core.registry.auth;

import static dev.sociscope.core.testing.HostileInput.endsValidOrTyped;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;

/**
 * Hostile token server answers (issue 14 item 5, finding 4): not JSON, no token, {@code expires_in} and
 * {@code issued_at} out of any range. Seeds under {@code TokenResponseFuzzTestInputs/tokenResponse/}: answers as
 * Docker Hub, GHCR, Quay, GCR and the distribution token server send them. A token read must expire after it was
 * issued.
 */
class TokenResponseFuzzTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  @FuzzTest(maxDuration = "5s")
  void tokenResponse(byte[] input) {
    endsValidOrTyped(input, () -> {
      TokenResponse t = TokenResponse.parse(input, NOW, "auth.example.com");
      if (t.token().isEmpty() || !t.expiresAt().isAfter(t.issuedAt()) || t.issuedAt().isAfter(NOW)) {
        throw new AssertionError("token read with a bad lifetime: " + t.issuedAt() + " to " + t.expiresAt());
      }
    });
  }
}
