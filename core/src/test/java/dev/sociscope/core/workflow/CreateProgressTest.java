package dev.sociscope.core.workflow;

import dev.sociscope.core.files.ImageFiles;
import dev.sociscope.core.layout.ZtocCache;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.error.CancelledException;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.soci.EmptySociIndexException;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.testing.GoldenImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-layer progress, cancel, the min layer size rule and --force, on a layout. */
class CreateProgressTest {
  @TempDir Path tmp;

  SociService service() throws Exception {
    return new SociService(RegistryClient.builder().build(), new ZtocCache(tmp.resolve("cache")), 2);
  }

  @Test
  void reportsProgressUpToEachLayerSize() throws Exception {
    GoldenImage.writeLayout(tmp.resolve("l"), "v1");
    Map<Digest, long[]> seen = new ConcurrentHashMap<>();
    CreateListener listener = new CreateListener() {
      @Override
      public void layerProgress(Descriptor layer, long done, long total) {
        seen.put(layer.digest(), new long[] {done, total});
      }
    };
    SociService.CreateOutcome o = service().create("oci:" + tmp.resolve("l") + ":v1", SociService.CreateRequest
        .defaults().withOptions(SociIndexOptions.defaults(SociVersion.V1).withMinLayerSize(1 << 20)), listener, null);
    // gnu-fname (79494 bytes) is below 1 MiB: not downloaded, not indexed
    assertThat(o.created().get(0).build().index().ztocs()).hasSize(3);
    assertThat(seen).hasSize(3);
    seen.values().forEach(v -> assertThat(v[0]).isEqualTo(v[1]));
  }

  @Test
  void cancelStopsTheBuild() throws Exception {
    GoldenImage.writeLayout(tmp.resolve("l"), "v1");
    Cancellation cancel = new Cancellation();
    CreateListener listener = new CreateListener() {
      @Override
      public void layerProgress(Descriptor layer, long done, long total) {
        cancel.cancel();
      }
    };
    assertThatThrownBy(() -> service().create("oci:" + tmp.resolve("l") + ":v1", SociService.CreateRequest.defaults()
        .withOptions(SociIndexOptions.defaults(SociVersion.V1).withMinLayerSize(0)).forcing(true), listener, cancel))
        .isInstanceOf(CancelledException.class);
    assertThat(Files.list(tmp.resolve("cache/ztoc-keys"))).isEmpty();
  }

  @Test
  void aLayerThatDoesNotMatchItsDigestFailsTheBuild() throws Exception {
    Path layout = tmp.resolve("l");
    GoldenImage.writeLayout(layout, "v1");
    Path plain = layout.resolve("blobs/sha256/" + Digest.of(dev.sociscope.core.testing.Vectors.bytes(
        "layers/plain.tar")).hex());
    byte[] bytes = Files.readAllBytes(plain);
    bytes[bytes.length - 1] ^= 1; // in the end-of-archive padding: the tar still parses, the digest does not match
    Files.write(plain, bytes);
    assertThatThrownBy(() -> service().create("oci:" + layout + ":v1", SociService.CreateRequest.defaults()
        .withOptions(SociIndexOptions.defaults(SociVersion.V1).withMinLayerSize(0)), null, null))
        .isInstanceOf(dev.sociscope.core.error.DigestMismatchException.class)
        .hasMessageContaining("13271ed41e34");
    assertThat(new ZtocCache(tmp.resolve("cache")).find(Digest.of(dev.sociscope.core.testing.Vectors.bytes(
        "layers/plain.tar")), 4L << 20, "AWS SOCI CLI v0.2")).isEmpty();
  }

  @Test
  void aCorruptSpanIsRefusedWhenReadLazily() throws Exception {
    Path layout = tmp.resolve("l");
    GoldenImage.writeLayout(layout, "v1");
    String ref = "oci:" + layout + ":v1";
    service().create(ref, SociService.CreateRequest.defaults().withOptions(SociIndexOptions.defaults(SociVersion.V1)
        .withMinLayerSize(0).withSpanSize(1 << 20)).pushing(true), null, null);
    Path pax = layout.resolve("blobs/sha256/" + Digest.of(dev.sociscope.core.testing.Vectors.bytes(
        "layers/pax.tar.gz")).hex());
    byte[] bytes = Files.readAllBytes(pax);
    bytes[bytes.length - 100] ^= 0x40; // inside the last span
    Files.write(pax, bytes);
    ImageFiles files = service().files(ref, ImageResolver.PlatformSelection.ALL, null);
    assertThatThrownBy(() -> files.read("big/compressible.txt", new java.io.ByteArrayOutputStream()))
        .isInstanceOf(dev.sociscope.core.extract.SpanDigestException.class);
    java.io.ByteArrayOutputStream tiny = new java.io.ByteArrayOutputStream();
    files.read("etc/tiny.txt", tiny); // span 0 is intact
    assertThat(tiny.toByteArray()).isEqualTo(GoldenImage.fileFromLayer("pax.tar.gz", "etc/tiny.txt"));
  }

  @Test
  void imageWithOnlySmallLayersGetsNoIndex() throws Exception {
    GoldenImage.writeLayout(tmp.resolve("l"), "v1");
    assertThatThrownBy(() -> service().create("oci:" + tmp.resolve("l") + ":v1", SociService.CreateRequest.defaults(),
        null, null)).isInstanceOf(EmptySociIndexException.class);
  }
}
