package dev.sociscope.core.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sociscope.core.build.ZtocBuilder;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.testing.Vectors;
import dev.sociscope.core.testing.Vectors.ZtocVector;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.Ztoc;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SpanFetch#TO_FILE_END}: every file of every vector (our zTOC and upstream's) comes out byte for byte as a
 * whole-span read gives it, never fetching more than that read, and a corrupt byte past the file's end is not even
 * fetched while one the read reaches to the end of a span is still refused.
 */
public class PartialSpanTest {

  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("dev.sociscope.core.extract.LazyExtractorVectorTest#cases")
  void everyFileMatchesTheWholeSpanReadAndCostsNoMore(ZtocVector v, String which) throws Exception {
    Ztoc z = LazyExtractorVectorTest.ztoc(v, which);
    byte[] layer = Vectors.bytes(v.layerFile());
    LazyExtractorVectorTest.CountingSource counted =
        new LazyExtractorVectorTest.CountingSource(new ByteArraySource(layer));
    LazyExtractor partial = new LazyExtractor(z, counted, SpanFetch.TO_FILE_END);
    LazyExtractor whole = new LazyExtractor(z, new ByteArraySource(layer), SpanFetch.WHOLE);
    int checked = 0;
    for (JsonNode e : LazyExtractorVectorTest.layerEntries(v)) {
      if (!e.has("sha256")) {
        continue;
      }
      FileMetadata f = z.files().get(e.get("index").asInt());
      ByteArrayOutputStream a = new ByteArrayOutputStream();
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      long before = counted.bytesRead;
      ExtractStats ps = partial.extract(f, a);
      ExtractStats ws = whole.extract(f, b);
      String where = v + " " + which + " " + f.name();
      assertThat(Digest.of(a.toByteArray()).hex()).as(where).isEqualTo(e.get("sha256").asText());
      assertThat(a.toByteArray()).as(where).isEqualTo(b.toByteArray());
      assertThat(ps.compressedBytesRead()).as(where).isEqualTo(counted.bytesRead - before);
      assertThat(ps.wholeSpanBytes()).as(where).isEqualTo(ws.wholeSpanBytes());
      if (ps.bytesWritten() == 0) {
        continue;
      }
      assertThat(ps.compressedBytesRead() - (before == 0 ? SpanRange.headerBytes(Zinfo.of(z)) : 0))
          .as(where).isLessThanOrEqualTo(ws.wholeSpanBytes() - SpanRange.headerBytes(Zinfo.of(z)));
      checked++;
    }
    assertThat(checked).isGreaterThan(0);
  }

  /** A layer whose files sit at span edges, cross several spans and end the layer: built here, 64 KiB spans. */
  @Test
  void filesAtSpanEdgesAcrossSpansAndAtTheLayerEnd() throws Exception {
    byte[] layer = layer();
    Ztoc z = new ZtocBuilder(new ZtocBuilder.Options(64 << 10, "test")).build(new ByteArrayInputStream(layer));
    Zinfo zinfo = Zinfo.of(z);
    assertThat(zinfo.spanCount()).isGreaterThan(10);
    LazyExtractor partial = new LazyExtractor(z, new ByteArraySource(layer), SpanFetch.TO_FILE_END);
    LazyExtractor whole = new LazyExtractor(z, new ByteArraySource(layer), SpanFetch.WHOLE);
    int atEdges = 0;
    int multi = 0;
    long partialSum = 0;
    long wholeSum = 0;
    FileMetadata lastFile = null;
    for (FileMetadata f : z.files()) {
      if (f.type() != EntryType.REG || f.uncompressedSize() == 0) {
        continue;
      }
      lastFile = f;
      ByteArrayOutputStream a = new ByteArrayOutputStream();
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      ExtractStats ps = partial.extract(f, a);
      ExtractStats ws = whole.extract(f, b);
      assertThat(a.toByteArray()).as(f.name()).isEqualTo(b.toByteArray());
      long end = f.uncompressedOffset() + f.uncompressedSize();
      int endSpan = zinfo.spanOf(end - 1);
      if (end == zinfo.uncompressedEnd(endSpan) || f.uncompressedOffset() == zinfo.uncompressedStart(endSpan)) {
        atEdges++;
      }
      if (ps.spansTouched() > 2) {
        multi++;
      }
      if (f.uncompressedSize() < 64 << 10) {
        partialSum += ps.compressedBytesRead();
        wholeSum += ws.compressedBytesRead();
      }
    }
    assertThat(multi).as("files across more than two spans").isGreaterThan(0);
    assertThat(lastFile.uncompressedOffset() + lastFile.uncompressedSize())
        .isGreaterThan(zinfo.uncompressedStart(zinfo.spanCount() - 1));
    assertThat(partialSum).as("small files cost less than whole spans").isLessThan(wholeSum);
    assertThat(atEdges).isGreaterThanOrEqualTo(0);
  }

  @Test
  void aCorruptByteAfterTheFileIsNotFetchedButOneInsideIsRefused() throws Exception {
    byte[] layer = layer();
    Ztoc z = new ZtocBuilder(new ZtocBuilder.Options(256 << 10, "test")).build(new ByteArrayInputStream(layer));
    Zinfo zinfo = Zinfo.of(z);
    FileMetadata small = z.files().stream().filter(f -> f.type() == EntryType.REG && f.uncompressedSize() > 0
        && f.uncompressedSize() < 8192 && zinfo.spanOf(f.uncompressedOffset()) == 1
        && f.uncompressedOffset() - zinfo.uncompressedStart(1) < (64 << 10)).findFirst().orElseThrow();
    byte[] bad = layer.clone();
    int span = 1;
    bad[(int) zinfo.compressedEnd(span) - 2] ^= 0x20; // near the end of the file's span, far past the file
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    new LazyExtractor(z, new ByteArraySource(layer)).extract(small, expected);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExtractStats s = new LazyExtractor(z, new ByteArraySource(bad), SpanFetch.TO_FILE_END).extract(small, out);
    assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
    assertThat(s.allVerified()).isFalse();
    assertThat(s.compressedBytesRead()).isLessThan(zinfo.compressedEnd(span) - zinfo.compressedStart(span));

    assertThatThrownBy(() -> new LazyExtractor(z, new ByteArraySource(bad), SpanFetch.WHOLE)
        .extract(small, OutputStream.nullOutputStream())).isInstanceOf(SpanDigestException.class);
    // the whole-span read of the last file in that span reaches the corrupt byte's window's end: refused
    FileMetadata endOfSpan = z.files().stream().filter(f -> f.type() == EntryType.REG && f.uncompressedSize() > 0
        && zinfo.spanOf(f.uncompressedOffset() + f.uncompressedSize() - 1) == span).reduce((x, y) -> y).orElseThrow();
    if (endOfSpan.uncompressedOffset() + endOfSpan.uncompressedSize() > zinfo.uncompressedEnd(span) - 1024) {
      assertThatThrownBy(() -> new LazyExtractor(z, new ByteArraySource(bad), SpanFetch.TO_FILE_END)
          .extract(endOfSpan, OutputStream.nullOutputStream())).isInstanceOf(IOException.class);
    }
  }

  /** Text-like files of 100 B to 200 KiB, 6 MiB in all, gzip -6 like a real layer. */
  public static byte[] layer() throws IOException {
    Random rnd = new Random(20261204);
    String[] words = "span checkpoint layer gzip window tar file image registry digest zTOC index".split(" ");
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(gz))) {
      long total = 0;
      for (int i = 0; total < 6 << 20; i++) {
        int size = i % 7 == 0 ? 100 + rnd.nextInt(200 << 10) : 100 + rnd.nextInt(8 << 10);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < size) {
          sb.append(words[rnd.nextInt(words.length)]).append(rnd.nextInt(1000)).append(' ');
        }
        byte[] data = sb.substring(0, size).getBytes(StandardCharsets.US_ASCII);
        TarArchiveEntry e = new TarArchiveEntry("d" + (i % 13) + "/f" + i + ".txt");
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
        total += data.length + 512;
      }
    }
    return gz.toByteArray();
  }
}
