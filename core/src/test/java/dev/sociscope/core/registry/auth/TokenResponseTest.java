package dev.sociscope.core.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.error.CorruptInputException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Numbers in a token answer are the server's to choose; each is bounded before use (issue 14, finding 4). */
class TokenResponseTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  private static TokenResponse parse(String json) throws CorruptInputException {
    return TokenResponse.parse(json.getBytes(StandardCharsets.UTF_8), NOW, "auth.example.com");
  }

  @Test
  void aHugeExpiresInIsCutToTheCapInsteadOfOverflowingTheExpiry() throws Exception {
    TokenResponse t = parse("{\"token\":\"t\",\"expires_in\":9223372036854775807}");

    assertThat(t.expiresAt()).isEqualTo(NOW.plus(TokenResponse.MAX_LIFETIME));
  }

  @Test
  void anIssuedAtFromAnotherEraOrTheFutureIsIgnored() throws Exception {
    assertThat(parse("{\"token\":\"t\",\"expires_in\":300,\"issued_at\":\"+1000000000-12-31T23:59:59Z\"}")
        .issuedAt()).isEqualTo(NOW);
    assertThat(parse("{\"token\":\"t\",\"expires_in\":300,\"issued_at\":\"-1000000000-01-01T00:00:00Z\"}")
        .issuedAt()).isEqualTo(NOW);
    assertThat(parse("{\"token\":\"t\",\"expires_in\":300,\"issued_at\":\"2026-01-02T03:02:05Z\"}")
        .expiresAt()).isEqualTo(NOW.minus(Duration.ofMinutes(2)).plusSeconds(300));
  }

  @Test
  void aRealAnswerReads() throws Exception {
    TokenResponse t = parse("{\"access_token\":\"abc\",\"expires_in\":3600,\"refresh_token\":\"r\"}");

    assertThat(t.token()).isEqualTo("abc");
    assertThat(t.refreshToken()).isEqualTo("r");
    assertThat(t.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
    assertThat(t.toString()).doesNotContain("abc").doesNotContain("\"r\"");
  }

  @Test
  void notJsonOrNoTokenIsATypedOneLineError() {
    assertThatThrownBy(() -> parse("<html>\n<body>502</body>")).isInstanceOf(CorruptInputException.class)
        .hasMessage("The token server auth.example.com did not answer with JSON");
    assertThatThrownBy(() -> parse("{\"token\":\"\",\"expires_in\":5}")).isInstanceOf(CorruptInputException.class)
        .hasMessage("The token server auth.example.com answered without a token");
  }
}
