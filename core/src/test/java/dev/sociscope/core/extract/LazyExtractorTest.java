package dev.sociscope.core.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.build.ZtocBuilder;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.testing.Vectors;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.Ztoc;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class LazyExtractorTest {
  private static final byte[] LAYER = Vectors.bytes("layers/pax.tar.gz");

  static Ztoc ztoc() throws IOException {
    return new ZtocBuilder(new ZtocBuilder.Options(65536, "test")).build(new ByteArrayInputStream(LAYER));
  }

  @Test
  void normalizesPaths() {
    assertThat(LazyExtractor.normalize("/etc/passwd")).isEqualTo("etc/passwd");
    assertThat(LazyExtractor.normalize("./etc/passwd")).isEqualTo("etc/passwd");
    assertThat(LazyExtractor.normalize("etc//passwd/")).isEqualTo("etc/passwd");
    assertThat(LazyExtractor.normalize("etc/./x/../passwd")).isEqualTo("etc/passwd");
    assertThat(LazyExtractor.normalize("../../etc/passwd")).isEqualTo("etc/passwd");
  }

  @Test
  void streamingModeVerifiesEachSpanAndExtractsTheSameBytes() throws Exception {
    Ztoc z = ztoc();
    FileMetadata big = z.files().stream().filter(f -> f.name().equals("big/compressible.txt")).findFirst()
        .orElseThrow();
    ByteArrayOutputStream verifiedFirst = new ByteArrayOutputStream();
    new LazyExtractor(z, new ByteArraySource(LAYER)).extract(big, verifiedFirst);
    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    ExtractStats stats = new LazyExtractor(z, new ByteArraySource(LAYER), 0).extract(big, streamed);
    assertThat(streamed.toByteArray()).isEqualTo(verifiedFirst.toByteArray());
    assertThat(stats.spansTouched()).isGreaterThan(10);

    // a corrupt span late in the file: streaming mode stops there with the span named
    byte[] bad = LAYER.clone();
    bad[LAYER.length - 5000] ^= 4;
    ByteArrayOutputStream partial = new ByteArrayOutputStream();
    assertThatThrownBy(() -> new LazyExtractor(z, new ByteArraySource(bad), 0).extract(big, partial))
        .isInstanceOf(SpanDigestException.class).hasMessageContaining("span " + stats.lastSpan() + " ");
    assertThat((long) partial.size()).isLessThan(big.uncompressedSize());
  }

  @Test
  void aCorruptGzipHeaderIsRefused() throws Exception {
    Ztoc z = ztoc();
    byte[] bad = LAYER.clone();
    bad[0] = 0x1e;
    assertThatThrownBy(() -> new LazyExtractor(z, new ByteArraySource(bad)).extract("etc/tiny.txt",
        new ByteArrayOutputStream())).isInstanceOf(IOException.class).hasMessageContaining("gzip header");
  }

  @Test
  void hardlinksResolveToTheirTarget() throws Exception {
    LazyExtractor ex = new LazyExtractor(ztoc(), new ByteArraySource(LAYER));
    ByteArrayOutputStream viaLink = new ByteArrayOutputStream();
    ByteArrayOutputStream direct = new ByteArrayOutputStream();
    ex.extract("links/hard-to-big", viaLink);
    ex.extract("big/compressible.txt", direct);
    assertThat(Digest.of(viaLink.toByteArray())).isEqualTo(Digest.of(direct.toByteArray()));
    assertThat(viaLink.size()).isGreaterThan(3_000_000);
  }
}
