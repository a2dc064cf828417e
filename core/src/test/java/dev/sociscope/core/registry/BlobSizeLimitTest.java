package dev.sociscope.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.error.CorruptInputException;
import dev.sociscope.core.image.BlobKind;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import okhttp3.mockwebserver.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * Blobs read whole are bounded by their descriptor and their kind's ceiling: a registry that sends more (or less)
 * than the descriptor says gets a one-line typed error, not a heap filled with its bytes. Scripted: a real registry
 * serves what was pushed.
 */
class BlobSizeLimitTest extends MockRegistryTest {
  final byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
  final Descriptor configDescriptor = Descriptor.of("application/vnd.oci.image.config.v1+json", config);

  @Test
  void aBodyLongerThanItsDescriptorIsRefusedAfterReadingOneByteMore() {
    byte[] huge = Arrays.copyOf(config, 8 << 20); // the registry streams 8 MiB for a 38-byte config
    server.enqueue(new MockResponse().setBody(new Buffer().write(huge)));
    assertThatThrownBy(() -> repo.readBlob(configDescriptor, BlobKind.CONFIG))
        .isInstanceOf(CorruptInputException.class)
        .hasMessageContaining("image config " + configDescriptor.digest())
        .hasMessageContaining("longer than the " + config.length + " bytes its descriptor says")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aBodyShorterThanItsDescriptorIsRefused() {
    Descriptor claimsMore = Descriptor.of(configDescriptor.mediaType(), configDescriptor.digest(), config.length + 10);
    server.enqueue(new MockResponse().setBody(new Buffer().write(config)));
    assertThatThrownBy(() -> repo.readBlob(claimsMore, BlobKind.CONFIG))
        .isInstanceOf(CorruptInputException.class)
        .hasMessageContaining("ended after " + config.length + " of the " + (config.length + 10) + " bytes");
  }

  @Test
  void aDescriptorClaimingTheCeilingCostsTheBodyNotTheClaim() {
    long claimed = 256L << 20; // a zTOC's ceiling, for a 38-byte body
    Descriptor lying = Descriptor.of("application/octet-stream", Digest.of(config), claimed);
    server.enqueue(new MockResponse().setBody(new Buffer().write(config)));
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    assertThatThrownBy(() -> repo.readBlob(lying, BlobKind.ZTOC))
        .isInstanceOf(CorruptInputException.class)
        .hasMessageContaining("ended after " + config.length + " of the " + claimed + " bytes");
    assertThat(threads.getCurrentThreadAllocatedBytes() - before).as("bytes allocated by the read")
        .isLessThan(64L << 20);
  }

  @Test
  void aDescriptorOverTheCeilingIsRefusedWithoutARequest() {
    Descriptor giant = Descriptor.of("application/octet-stream", Digest.of(config), 1L << 40);
    assertThatThrownBy(() -> repo.readBlob(giant, BlobKind.ZTOC))
        .isInstanceOf(CorruptInputException.class)
        .hasMessageContaining("zTOC").hasMessageContaining("256 MiB");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void anExactBodyIsReadAndVerified() throws Exception {
    server.enqueue(new MockResponse().setBody(new Buffer().write(config)));
    assertThat(repo.readBlob(configDescriptor, BlobKind.CONFIG)).isEqualTo(config);
  }

  @Test
  void aManifestOverFourMibIsRefused() {
    StringBuilder big = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
        + "\"annotations\":{\"pad\":\"");
    big.append("x".repeat(5 << 20)).append("\"},\"manifests\":[]}");
    server.enqueue(new MockResponse().addHeader("Content-Type", "application/vnd.oci.image.index.v1+json")
        .setBody(big.toString()));
    assertThatThrownBy(() -> repo.manifest("big"))
        .isInstanceOf(CorruptInputException.class).hasMessageContaining("4 MiB");
  }
}
