package dev.sociscope.core.ztoc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sociscope.core.testing.Vectors;
import dev.sociscope.core.testing.Vectors.ZtocVector;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModTimeTest {

  @ParameterizedTest
  @CsvSource({
      "1700000000, 0, 2023-11-14T22:13:20Z",
      "1700000000, 123456789, 2023-11-14T22:13:20.123456789Z",
      "1700000000, 120000000, 2023-11-14T22:13:20.12Z",
      "1700000000, 1, 2023-11-14T22:13:20.000000001Z",
      "-2, 500000000, 1969-12-31T23:59:58.5Z",
      "-86400, 0, 1969-12-31T00:00:00Z",
      "0, 0, 1970-01-01T00:00:00Z",
      "10000000000, 0, 2286-11-20T17:46:40Z",
      "-62135596800, 0, 0001-01-01T00:00:00Z",
      "253402300799, 999999999, 9999-12-31T23:59:59.999999999Z",
  })
  void formatsAsGoMarshalTextInUtc(long seconds, long nanos, String text) {
    assertThat(ModTime.format(seconds, nanos)).isEqualTo(text);
    assertThat(ModTime.parse(text)).isEqualTo(Instant.ofEpochSecond(seconds, nanos));
  }

  @Test
  void yearsGoCannotMarshalBecomeEmptyAsUpstreamStoresThem() {
    assertThat(ModTime.format(Instant.parse("+10000-01-01T00:00:00Z"))).isEmpty();
    assertThat(ModTime.format(Instant.parse("-0001-12-31T23:59:59Z"))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "2023-11-14T17:13:20-05:00, 1700000000, 0",
      "2023-11-15T00:13:20+02:00, 1700000000, 0",
      "2023-11-14T22:13:20.5+00:00, 1700000000, 500000000",
  })
  void parsesAnyOffset(String text, long seconds, long nanos) {
    assertThat(ModTime.parse(text)).isEqualTo(Instant.ofEpochSecond(seconds, nanos));
  }

  @Test
  void rejectsTextThatIsNotRfc3339() {
    assertThatThrownBy(() -> ModTime.parse("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModTime.parse("2023-11-14 22:13:20Z")).hasMessageContaining("2023-11-14 22:13:20Z");
    assertThatThrownBy(() -> ModTime.parse("2023-11-14T22:13:20")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModTime.parse("2023-02-30T22:13:20Z")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyVectorTimeRoundTrips() {
    int checked = 0;
    for (ZtocVector v : Vectors.ztocs()) {
      for (JsonNode f : Vectors.json(v.infoJson()).get("files")) {
        Instant t = Instant.ofEpochSecond(f.get("mod_time_unix").asLong(), f.get("mod_time_nsec").asLong());
        assertThat(ModTime.format(t)).isEqualTo(f.get("mod_time_raw").asText());
        assertThat(ModTime.parse(f.get("mod_time_raw").asText())).isEqualTo(t);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(200);
  }
}
