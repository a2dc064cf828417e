package dev.sociscope.core.registry.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.error.InvalidRequestException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
  @Test
  void parsesWhatPeopleType() throws Exception {
    assertThat(Durations.parse("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse(" 1m30s ")).isEqualTo(Duration.ofSeconds(90));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "5", "s", "0s", "-5s", "5 s", "5sec", "1.5s", "5s5", "99999999999s", "PT5S"})
  void refusesOthersInOneLine(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("not a time-out: '" + text + "'").hasMessageNotContaining("\n")
        .hasMessageContaining("500ms, 5s, 2m or 1h");
  }

  @Test
  void formatsBack() {
    assertThat(Durations.format(Duration.ofSeconds(5))).isEqualTo("5s");
    assertThat(Durations.format(Duration.ofMillis(300))).isEqualTo("300ms");
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(Durations.format(Duration.ofHours(1))).isEqualTo("1h");
  }
}
