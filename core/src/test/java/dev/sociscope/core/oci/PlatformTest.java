package dev.sociscope.core.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlatformTest {

  @ParameterizedTest
  @CsvSource({
      "linux/arm64/v8, linux/arm64",
      "linux/aarch64, linux/arm64",
      "Linux/x86_64, linux/amd64",
      "linux/x86-64/v1, linux/amd64",
      "linux/amd64/v3, linux/amd64/v3",
      "linux/armhf, linux/arm/v7",
      "linux/armel, linux/arm/v6",
      "linux/arm, linux/arm/v7",
      "linux/arm/6, linux/arm/v6",
      "linux/i386, linux/386",
      "macos/arm64, darwin/arm64",
      "arm64, linux/arm64",
      "windows/amd64, windows/amd64",
  })
  void parseNormalizesLikeContainerd(String text, String expected) {
    assertThat(Platform.parse(text).format()).isEqualTo(expected);
  }

  @Test
  void rejectsMalformedText() {
    assertThatThrownBy(() -> Platform.parse("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Platform.parse("linux/arm/v7/extra"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linux/arm/v7/extra");
    assertThatThrownBy(() -> Platform.parse("linux//v7")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void matchesComparesNormalizedOsArchVariant() {
    assertThat(Platform.of("linux", "aarch64", "").matches(Platform.parse("linux/arm64/v8"))).isTrue();
    assertThat(Platform.of("linux", "arm", "v6").matches(Platform.parse("linux/arm/v7"))).isFalse();
  }

  @Test
  void writesGoFieldOrderAndOmitsEmpties() {
    GoJsonWriter w = new GoJsonWriter();
    OciJson.writePlatform(w, new Platform("amd64", "windows", "10.0.1", java.util.List.of("win32k"), ""));
    assertThat(new String(w.toByteArray()))
        .isEqualTo("{\"architecture\":\"amd64\",\"os\":\"windows\",\"os.version\":\"10.0.1\","
            + "\"os.features\":[\"win32k\"]}");
  }
}
