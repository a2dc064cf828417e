package dev.sociscope.core.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sociscope.core.build.ZtocBuilder;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.testing.Vectors;
import dev.sociscope.core.testing.Vectors.ZtocVector;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.ZtocReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every regular file of every vector extracts to its recorded hash, through our zTOC and through upstream's. */
class LazyExtractorVectorTest {
  static Stream<Arguments> cases() {
    return Vectors.ztocs().stream().flatMap(v -> Stream.of(Arguments.of(v, "ours"), Arguments.of(v, "golden")));
  }

  static Ztoc ztoc(ZtocVector v, String which) throws Exception {
    if (which.equals("golden")) {
      return ZtocReader.read(Vectors.bytes(v.ztocFile()));
    }
    return new ZtocBuilder(new ZtocBuilder.Options(v.spanSize(), "oracle"))
        .build(new ByteArrayInputStream(Vectors.bytes(v.layerFile())));
  }

  static JsonNode layerEntries(ZtocVector v) {
    for (JsonNode l : Vectors.manifest().get("layers")) {
      if (l.get("name").asText().equals(v.layerName())) {
        return l.get("entries");
      }
    }
    throw new IllegalStateException("no layer " + v.layerName());
  }

  @ParameterizedTest(name = "{0} via {1}")
  @MethodSource("cases")
  void everyFileExtractsToItsRecordedHash(ZtocVector v, String which) throws Exception {
    Ztoc z = ztoc(v, which);
    byte[] layer = Vectors.bytes(v.layerFile());
    CountingSource source = new CountingSource(new ByteArraySource(layer));
    LazyExtractor ex = new LazyExtractor(z, source);
    Zinfo zinfo = Zinfo.of(z);
    Map<String, Integer> nameCount = new HashMap<>();
    z.files().forEach(f -> nameCount.merge(LazyExtractor.normalize(f.name()), 1, Integer::sum));
    int checked = 0;
    boolean firstRead = true;
    for (JsonNode e : layerEntries(v)) {
      if (!e.has("sha256")) {
        continue;
      }
      FileMetadata f = z.files().get(e.get("index").asInt());
      assertThat(f.name()).isEqualTo(e.get("name").asText());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      long before = source.bytesRead;
      ExtractStats stats = ex.extract(f, out);
      String where = v + " " + which + " " + f.name();
      assertThat(Digest.of(out.toByteArray()).hex()).as(where).isEqualTo(e.get("sha256").asText());
      assertThat(stats.compressedBytesRead()).as(where).isEqualTo(source.bytesRead - before);
      FileMetadata data = ex.resolve(f);
      if (data.uncompressedSize() > 0) {
        JsonNode spans = e.get("spans").get(Long.toString(v.spanSize()));
        assertThat(stats.firstSpan()).as(where).isEqualTo(zinfo.spanOf(data.uncompressedOffset()));
        assertThat(stats.lastSpan()).as(where).isBetween(stats.firstSpan(), spans.get(1).asInt());
        long range = 0;
        for (int s = stats.firstSpan(); s <= stats.lastSpan(); s++) {
          range += zinfo.compressedEnd(s) - zinfo.compressedStart(s);
        }
        long header = firstRead && zinfo instanceof dev.sociscope.core.ztoc.GzipZinfo
            ? zinfo.compressedStart(0) : 0;
        firstRead = false;
        assertThat(stats.compressedBytesRead()).as(where).isEqualTo(range + header);
      }
      if (nameCount.get(LazyExtractor.normalize(f.name())) == 1) {
        for (String variant : new String[] {f.name(), "/" + f.name(), "./" + LazyExtractor.normalize(f.name())}) {
          ByteArrayOutputStream byName = new ByteArrayOutputStream();
          ex.extract(variant, byName);
          assertThat(byName.toByteArray()).as(where + " by name " + variant).isEqualTo(out.toByteArray());
        }
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(0);
  }

  @Test
  void duplicateNameGivesTheLastCopyAndEachCopyByEntry() throws Exception {
    ZtocVector v = Vectors.ztocs().get(0);
    Ztoc z = ztoc(v, "ours");
    LazyExtractor ex = new LazyExtractor(z, new ByteArraySource(Vectors.bytes(v.layerFile())));
    var copies = ex.findAll("dup/same-name.txt");
    assertThat(copies).hasSize(2);
    ByteArrayOutputStream byName = new ByteArrayOutputStream();
    ex.extract("/dup/same-name.txt", byName);
    ByteArrayOutputStream last = new ByteArrayOutputStream();
    ex.extract(copies.get(1), last);
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    ex.extract(copies.get(0), first);
    assertThat(byName.toByteArray()).isEqualTo(last.toByteArray()).isNotEqualTo(first.toByteArray());
    assertThat(ex.findByOffset(copies.get(0).uncompressedOffset())).contains(copies.get(0));
    assertThat(ex.findByOffset(copies.get(1).uncompressedOffset())).contains(copies.get(1));
    assertThat(ex.findByOffset(copies.get(0).uncompressedOffset() + 1)).isEmpty();
  }

  @Test
  void symlinksDirectoriesAndDevicesAreReportedNotExtracted() throws Exception {
    ZtocVector v = Vectors.ztocs().get(0);
    LazyExtractor ex = new LazyExtractor(ztoc(v, "ours"), new ByteArraySource(Vectors.bytes(v.layerFile())));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> ex.extract("links/sym-rel", out)).isInstanceOf(NotRegularFileException.class)
        .hasMessageContaining("symlink to '../etc/tiny.txt'");
    assertThatThrownBy(() -> ex.extract("etc", out)).isInstanceOf(NotRegularFileException.class)
        .hasMessageContaining("dir");
    assertThatThrownBy(() -> ex.extract("dev/null", out)).isInstanceOf(NotRegularFileException.class)
        .hasMessageContaining("char");
    assertThatThrownBy(() -> ex.extract("no/such/file", out)).isInstanceOf(java.io.FileNotFoundException.class)
        .hasMessageContaining("no/such/file");
    assertThat(out.size()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sociscope.core.build.ZtocBuilderVectorTest#vectors")
  void aFlippedByteInASpanIsRefusedWithNoOutput(ZtocVector v) throws Exception {
    Ztoc z = ztoc(v, "ours");
    Zinfo zinfo = Zinfo.of(z);
    FileMetadata biggest = z.files().stream().max(java.util.Comparator.comparingLong(FileMetadata::uncompressedSize))
        .orElseThrow();
    int span = zinfo.spanOf(biggest.uncompressedOffset() + biggest.uncompressedSize() - 1);
    long at = (zinfo.compressedStart(span) + zinfo.compressedEnd(span)) / 2;
    byte[] layer = Vectors.bytes(v.layerFile()).clone();
    layer[(int) at] ^= 0x20;
    LazyExtractor ex = new LazyExtractor(z, new ByteArraySource(layer));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThatThrownBy(() -> ex.extract(biggest, out)).isInstanceOf(SpanDigestException.class)
        .hasMessageContaining("span " + span + " ");
    assertThat(out.size()).isZero();
  }

  /** Counts what the extractor fetches. */
  static final class CountingSource implements RandomAccessSource {
    private final RandomAccessSource inner;
    volatile long bytesRead;
    volatile int reads;

    CountingSource(RandomAccessSource inner) {
      this.inner = inner;
    }

    @Override
    public long size() throws java.io.IOException {
      return inner.size();
    }

    @Override
    public synchronized byte[] read(long offset, int length) throws java.io.IOException {
      bytesRead += length; // the extractor reads the gzip header on another thread
      reads++;
      return inner.read(offset, length);
    }
  }
}
