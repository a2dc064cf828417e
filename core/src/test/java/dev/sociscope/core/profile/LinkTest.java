package dev.sociscope.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LinkTest {
  @Test
  void parsesBandwidthsAndRoundTrips() {
    assertThat(Link.parseBandwidth("100Mbit")).isEqualTo(100e6);
    assertThat(Link.parseBandwidth("1Gbps")).isEqualTo(1e9);
    assertThat(Link.parseBandwidth("12.5MB")).isEqualTo(100e6);
    assertThat(Link.parseRtt("20ms")).isEqualTo(0.020, within(1e-12));
    assertThat(Link.parseRtt("0.5s")).isEqualTo(0.5);
    assertThatThrownBy(() -> Link.parseBandwidth("fast")).hasMessageContaining("'fast' is not a bandwidth");
    assertThatThrownBy(() -> Link.parseRtt("-3ms")).hasMessageContaining("not a round-trip time");
  }

  @Test
  void secondsAreRoundTripsPlusBytesOverBandwidth() {
    Link link = new Link(8e6, 0.1); // 1 MB/s
    assertThat(link.seconds(2_000_000, 3)).isEqualTo(2.3, within(1e-9));
  }
}
