package dev.sociscope.core.registry.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {
  @Test
  void bearerWithCommasInsideQuotedScope() {
    List<AuthChallenge> all = AuthChallenge.parse("Bearer realm=\"https://auth.example.com/token\","
        + "service=\"registry.example.com\",scope=\"repository:a/b:pull,push repository:c:pull\"");
    assertThat(all).hasSize(1);
    AuthChallenge c = all.get(0);
    assertThat(c.isBearer()).isTrue();
    assertThat(c.realm()).isEqualTo("https://auth.example.com/token");
    assertThat(c.service()).isEqualTo("registry.example.com");
    assertThat(c.scopes()).containsExactly("repository:a/b:pull,push", "repository:c:pull");
  }

  @Test
  void severalChallengesCaseInsensitiveNamesEscapesAndErrors() {
    List<AuthChallenge> all = AuthChallenge.parse(
        "Basic realm=\"Registry \\\"x\\\"\", BEARER Realm=\"https://t/x\", Service=reg, error=\"insufficient_scope\"");
    assertThat(all).hasSize(2);
    assertThat(all.get(0).isBasic()).isTrue();
    assertThat(all.get(0).realm()).isEqualTo("Registry \"x\"");
    assertThat(all.get(1).isBearer()).isTrue();
    assertThat(all.get(1).realm()).isEqualTo("https://t/x");
    assertThat(all.get(1).service()).isEqualTo("reg");
    assertThat(all.get(1).error()).isEqualTo("insufficient_scope");
    assertThat(all.get(1).scopes()).isEmpty();
  }

  @Test
  void garbageGivesNoCrash() {
    assertThat(AuthChallenge.parse("")).isEmpty();
    assertThat(AuthChallenge.parse(null)).isEmpty();
    assertThat(AuthChallenge.parse("Bearer realm=\"unterminated")).singleElement()
        .satisfies(c -> assertThat(c.realm()).isEqualTo("unterminated"));
  }

  @Test
  void scopesMergeByResource() {
    assertThat(Scopes.normalize(List.of("repository:a:pull", "repository:a:push", "repository:b:pull")))
        .containsExactly("repository:a:pull,push", "repository:b:pull");
    assertThat(Scopes.covers(List.of("repository:a:pull,push"), List.of("repository:a:pull"))).isTrue();
    assertThat(Scopes.covers(List.of("repository:a:pull"), List.of("repository:a:pull,push"))).isFalse();
  }
}
