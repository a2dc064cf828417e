package dev.sociscope.core.image;

import dev.sociscope.core.soci.SociDefaults;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.build.ZtocBuilder;
import dev.sociscope.core.extract.ExtractStats;
import dev.sociscope.core.extract.LazyExtractor;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.registry.RemoteRepository;
import dev.sociscope.core.testing.LocalRegistry;
import dev.sociscope.core.testing.TestImages;
import dev.sociscope.core.ztoc.Ztoc;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's lazy extraction reading a layer straight from the real registry with Range requests. */
class LazyExtractionOverRegistryIT {
  @Test
  void extractsOneFileFetchingOnlyItsSpans(@TempDir Path tmp) throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    Random random = new Random(3);
    for (int i = 0; i < 8; i++) {
      StringBuilder sb = new StringBuilder();
      while (sb.length() < 200_000) {
        sb.append(Long.toHexString(random.nextLong())); // hex text: gzip halves it, spans stay meaningful
      }
      files.put("data/file" + i + ".txt", sb.toString());
    }
    TestImages.BuiltImage image = TestImages.singlePlatform(tmp.resolve("img"), "v1", files);
    TestImages.Blob layer = image.manifests().get(0).layers().get(0);
    try (LocalRegistry registry = LocalRegistry.start()) {
      TestImages.push(image, registry, "lazy/app:v1");
      RemoteRepository repo = RegistryClient.builder().build().repository(ImageReference.parse(registry.ref("lazy/app")));
      Ztoc ztoc;
      try (InputStream in = repo.openBlob(layer.digest())) {
        ztoc = new ZtocBuilder(new ZtocBuilder.Options(64 * 1024, SociDefaults.BUILD_TOOL_IDENTIFIER)).build(in);
      }
      BlobRandomAccess blob = BlobRandomAccess.of(repo, layer.digest(), layer.size());
      LazyExtractor extractor = new LazyExtractor(ztoc, blob);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ExtractStats stats = extractor.extract("data/file5.txt", out);
      assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(files.get("data/file5.txt"));
      assertThat(blob.bytesFetched()).isPositive().isLessThan(layer.size() / 2);
      assertThat(stats.compressedBytesRead()).isLessThan(layer.size() / 2);
    }
  }
}
