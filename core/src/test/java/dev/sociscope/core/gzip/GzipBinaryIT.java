package dev.sociscope.core.gzip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The inflater against the system's gzip binary (an external process, hence an integration test). */
class GzipBinaryIT {
  @Test
  void gzipBinaryAtEveryLevel() throws IOException {
    byte[] data = TestData.mixed(new Random(7), 600_000);
    for (int level = 1; level <= 9; level++) {
      byte[] gz = TestData.gzipBinary(data, level);
      assertThat(GzipInflaterTest.inflateAll(GzipInflater.gzip(new ByteArrayInputStream(gz))))
          .as("gzip -%d", level).isEqualTo(data);
    }
  }
}
