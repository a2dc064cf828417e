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

  /** A regular file whose spans do not hold the gzip header. */
  private static FileMetadata fileAfterTheFirstSpans(Ztoc z) {
    return z.files().stream()
        .filter(f -> f.type() == dev.sociscope.core.ztoc.EntryType.REG && f.uncompressedSize() > 0
            && f.uncompressedOffset() > 4 * 65536)
        .findFirst().orElseThrow();
  }

  @Test
  void aCorruptGzipHeaderWritesNothingEvenWhenTheSpansAreFine() throws Exception {
    Ztoc z = ztoc();
    FileMetadata late = fileAfterTheFirstSpans(z);
    byte[] bad = LAYER.clone();
    bad[3] = (byte) 0xE0; // reserved flag bits
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> new LazyExtractor(z, new ByteArraySource(bad), SpanFetch.TO_FILE_END).extract(late,
        out)).isInstanceOf(IOException.class).hasMessageContaining("gzip header");
    assertThat(out.size()).isZero();
  }

  @Test
  void whenTheSpansAndTheHeaderAreBothBadTheHeaderIsNamedAndTheSpanErrorKept() throws Exception {
    Ztoc z = ztoc();
    FileMetadata late = fileAfterTheFirstSpans(z);
    byte[] bad = LAYER.clone();
    bad[3] = (byte) 0xE0; // reserved flag bits
    int a = SpanRange.of(dev.sociscope.core.ztoc.Zinfo.of(z), late.uncompressedOffset(), late.uncompressedSize())
        .first();
    bad[(int) dev.sociscope.core.ztoc.Zinfo.of(z).compressedStart(a) + 10] ^= 0x55; // and the file's span
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
        () -> new LazyExtractor(z, new ByteArraySource(bad)).extract(late, out));
    assertThat(thrown).isInstanceOf(IOException.class).hasMessageContaining("gzip header");
    assertThat(thrown.getSuppressed()).hasSize(1);
    assertThat(thrown.getSuppressed()[0]).isInstanceOf(SpanDigestException.class);
    assertThat(out.size()).isZero();
  }

  /** The header's request must not wait for the spans' (nor they for it): one round trip, not two. */
  @Test
  void theGzipHeaderIsFetchedWhileTheSpansAre() throws Exception {
    Ztoc z = ztoc();
    long headerEnd = ((dev.sociscope.core.ztoc.GzipZinfo) dev.sociscope.core.ztoc.Zinfo.of(z)).checkpoints().get(0)
        .compressedOffset();
    FileMetadata late = fileAfterTheFirstSpans(z);
    java.util.concurrent.CountDownLatch bothAsked = new java.util.concurrent.CountDownLatch(2);
    java.util.concurrent.atomic.AtomicBoolean alone = new java.util.concurrent.atomic.AtomicBoolean();
    RandomAccessSource slow = new RandomAccessSource() {
      private final java.util.concurrent.atomic.AtomicBoolean headerSeen = new java.util.concurrent.atomic.AtomicBoolean();
      private final java.util.concurrent.atomic.AtomicBoolean spanSeen = new java.util.concurrent.atomic.AtomicBoolean();

      @Override
      public long size() {
        return LAYER.length;
      }

      @Override
      public byte[] read(long offset, int length) throws IOException {
        boolean first = offset == 0 && length == headerEnd ? headerSeen.compareAndSet(false, true)
            : spanSeen.compareAndSet(false, true);
        if (first) {
          bothAsked.countDown();
          try { // a server that answers only when both requests are in flight
            if (!bothAsked.await(3, java.util.concurrent.TimeUnit.SECONDS)) {
              alone.set(true);
            }
          } catch (InterruptedException e) {
            throw new java.io.InterruptedIOException();
          }
        }
        return java.util.Arrays.copyOfRange(LAYER, (int) offset, (int) offset + length);
      }
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new LazyExtractor(z, slow, SpanFetch.TO_FILE_END).extract(late, out);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    new LazyExtractor(z, new ByteArraySource(LAYER)).extract(late, expected);
    assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
    assertThat(alone.get()).as("one request waited for the other to finish before it was made").isFalse();
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
