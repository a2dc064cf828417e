package dev.sociscope.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.build.ZtocBuilder;
import dev.sociscope.core.extract.ExtractStats;
import dev.sociscope.core.extract.LazyExtractor;
import dev.sociscope.core.extract.SpanFetch;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.registry.RemoteRepository;
import dev.sociscope.core.testing.GoldenImage;
import dev.sociscope.core.testing.LocalRegistry;
import dev.sociscope.core.testing.Vectors;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.Ztoc;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partial spans through the real registry (Range requests to Debian's docker-registry): every regular file of the
 * golden layers, at 64 KiB spans (files at span edges, across several spans, at the layer's end), comes out as the
 * whole layer's tar holds it, with fewer bytes than whole spans.
 */
class PartialSpansOverRegistryIT {
  @Test
  void everyGoldenFileReadsExactlyWithPartialSpans(@TempDir Path tmp) throws Exception {
    GoldenImage.writeLayout(tmp.resolve("layout"), "v1");
    try (LocalRegistry registry = LocalRegistry.start()) {
      GoldenImage.push(tmp.resolve("layout"), "v1", registry, "partial/app:v1");
      RemoteRepository repo = RegistryClient.builder().build()
          .repository(ImageReference.parse(registry.ref("partial/app")));
      long partialTotal = 0;
      long wholeTotal = 0;
      int files = 0;
      for (String name : GoldenImage.LAYERS) {
        byte[] bytes = Vectors.bytes("layers/" + name);
        Digest digest = Digest.of(bytes);
        Ztoc z = new ZtocBuilder(new ZtocBuilder.Options(64 << 10, "test")).build(new ByteArrayInputStream(bytes));
        BlobRandomAccess blob = BlobRandomAccess.of(repo, digest, bytes.length);
        LazyExtractor partial = new LazyExtractor(z, blob, SpanFetch.TO_FILE_END);
        for (FileMetadata f : z.files()) {
          if (f.type() != EntryType.REG || f.uncompressedSize() == 0) {
            continue;
          }
          String path = LazyExtractor.normalize(f.name());
          if (!partial.find(path).map(last -> last == f).orElse(false)) {
            continue; // an earlier copy of a duplicate name: the tar reader below gives the last one
          }
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          long before = blob.bytesFetched();
          ExtractStats s = partial.extract(f, out);
          assertThat(out.toByteArray()).as(name + " " + path).isEqualTo(GoldenImage.fileFromLayer(name, path));
          assertThat(blob.bytesFetched() - before).as(name + " " + path).isEqualTo(s.compressedBytesRead());
          partialTotal += s.compressedBytesRead();
          wholeTotal += s.wholeSpanBytes();
          files++;
        }
      }
      assertThat(files).isGreaterThan(20);
      assertThat(partialTotal).isLessThan(wholeTotal);
    }
  }
}
