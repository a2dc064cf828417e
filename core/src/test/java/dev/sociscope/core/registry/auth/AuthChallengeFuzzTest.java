package dev.sociscope.core.registry.auth;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Hostile {@code WWW-Authenticate} headers (issue 14 item 5): several challenges, quoted values with escapes and
 * commas, token68, missing quotes, bare commas. The parser skips what it cannot read, so it never throws at all.
 * Seeds under {@code AuthChallengeFuzzTestInputs/wwwAuthenticate/}: headers as Docker Hub, GHCR, Quay, GCR, ECR,
 * Harbor and the distribution registry send them. Header bytes are read as ISO-8859-1, as OkHttp does.
 */
class AuthChallengeFuzzTest {

  @FuzzTest(maxDuration = "5s")
  void wwwAuthenticate(byte[] input) {
    String header = new String(input, StandardCharsets.ISO_8859_1);
    List<AuthChallenge> challenges = AuthChallenge.parseAll(List.of(header, header));
    for (AuthChallenge c : challenges) {
      if (c.scheme().isEmpty()) {
        throw new AssertionError("a challenge without a scheme from: " + header);
      }
      c.realm();
      c.service();
      c.scopes();
      c.error();
    }
  }
}
