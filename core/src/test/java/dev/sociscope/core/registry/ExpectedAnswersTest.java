package dev.sociscope.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExpectedAnswersTest {
  private static final String HEX = "a".repeat(64);

  @Test
  void referrersApi404IsTheExpectedFallback() {
    assertThat(ExpectedAnswers.explain("GET", "/v2/demo/app/referrers/sha256:" + HEX, 404))
        .hasValueSatisfying(s -> assertThat(s).contains("fallback tag"));
    assertThat(ExpectedAnswers.explain("GET", "/v2/demo/app/manifests/sha256-" + HEX, 404)).isPresent();
    assertThat(ExpectedAnswers.explain("HEAD", "/v2/demo/app/blobs/sha256:" + HEX, 404)).isPresent();
    assertThat(ExpectedAnswers.explain("GET", "/v2/demo/app/manifests/v1", 401)).isPresent();
  }

  @Test
  void realFailuresAndSuccessesAreNotExplainedAway() {
    assertThat(ExpectedAnswers.explain("GET", "/v2/demo/app/manifests/v1", 404)).isEmpty();
    assertThat(ExpectedAnswers.explain("GET", "/v2/demo/app/referrers/sha256:" + HEX, 500)).isEmpty();
    assertThat(ExpectedAnswers.explain("GET", "/v2/demo/app/referrers/sha256:short", 404)).isEmpty();
    assertThat(ExpectedAnswers.explain("GET", "/v2/demo/app/blobs/sha256:" + HEX, 404)).isEmpty();
    assertThat(ExpectedAnswers.explain("GET", "/v2/demo/app/referrers/sha256:" + HEX, 200)).isEmpty();
  }
}
