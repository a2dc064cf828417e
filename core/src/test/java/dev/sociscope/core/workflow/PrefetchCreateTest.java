package dev.sociscope.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.soci.PrefetchArtifact;
import dev.sociscope.core.soci.SociAnnotations;
import dev.sociscope.core.soci.SociIndex;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.testing.MixedLayerImage;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.ZtocReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** create with prefetch paths writes spec 3.7 artifacts into the index, after the zTOCs, in image layer order. */
class PrefetchCreateTest {
  @TempDir
  Path tmp;

  @Test
  void prefetchArtifactsFollowTheZtocsAndNameTheTopmostLayerOfEachPath() throws Exception {
    MixedLayerImage.write(tmp.resolve("layout"));
    SociService soci = new SociService(RegistryClient.builder().build(), new ZtocCache(tmp.resolve("cache")));
    List<String> messages = new ArrayList<>();
    CreateListener listener = new CreateListener() {
      @Override
      public void message(String line) {
        messages.add(line);
      }
    };
    SociIndexOptions options = SociIndexOptions.defaults(SociVersion.V1).withMinLayerSize(0)
        .withSpanSize(MixedLayerImage.SPAN_SIZE)
        .withPrefetchPaths(List.of("/app/bin", "./etc/common.conf", "app/lib.so", "/etc", "missing/file"));
    CreatedIndex created = soci.create("oci:" + tmp.resolve("layout") + ":" + MixedLayerImage.FILES,
        SociService.CreateRequest.defaults().withOptions(options).pushing(true), listener, new Cancellation())
        .created().get(0);

    SociIndex index = created.build().index();
    List<Descriptor> imageLayers = created.manifest().manifest().manifest().layers();
    List<Descriptor> indexLayers = index.manifest().layers();
    assertThat(indexLayers).extracting(Descriptor::mediaType).containsExactly(MediaType.ZTOC, MediaType.ZTOC,
        MediaType.SOCI_PREFETCH, MediaType.SOCI_PREFETCH);
    assertThat(indexLayers.subList(2, 4)).extracting(d -> d.annotation(SociAnnotations.IMAGE_LAYER_DIGEST))
        .containsExactly(imageLayers.get(0).digest().toString(), imageLayers.get(1).digest().toString());

    // Layer 0: app/bin only (its etc/common.conf is hidden by layer 1's); layer 1: lib.so and common.conf.
    assertThat(spans(soci, index, imageLayers.get(0), "app/bin"))
        .isEqualTo(artifact(soci, indexLayers.get(2)).spans());
    List<PrefetchArtifact.Span> top = new ArrayList<>(spans(soci, index, imageLayers.get(1), "app/lib.so"));
    top.addAll(spans(soci, index, imageLayers.get(1), "etc/common.conf"));
    PrefetchArtifact layer1 = artifact(soci, indexLayers.get(3));
    assertThat(layer1.spans()).isNotEmpty();
    assertThat(layer1.spans().get(0).startSpan()).isEqualTo(top.get(0).startSpan());
    assertThat(layer1.spans().get(layer1.spans().size() - 1).endSpan()).isEqualTo(top.get(1).endSpan());

    // Once pushed (here: into the layout), discovery finds them and reads them back.
    List<FoundPrefetch> found = soci.prefetches("oci:" + tmp.resolve("layout") + ":" + MixedLayerImage.FILES,
        ImageResolver.PlatformSelection.DEFAULT);
    assertThat(found).extracting(f -> f.descriptor().layerDigest())
        .containsExactly(imageLayers.get(0).digest(), imageLayers.get(1).digest());
    assertThat(found.get(1).artifact()).isEqualTo(layer1);
    assertThat(found).allMatch(f -> f.problem() == null && f.index().descriptor().digest().equals(
        created.build().digest()));

    // A directory (stored as "etc/") and a missing path are warnings, not errors.
    assertThat(messages).anyMatch(m -> m.contains("/etc") && m.contains("not found"))
        .anyMatch(m -> m.contains("missing/file") && m.contains("not found"));
  }

  private static PrefetchArtifact artifact(SociService soci, Descriptor d) throws Exception {
    return PrefetchArtifact.parse(soci.cache().store().readBlob(d.digest()));
  }

  /** The inclusive span range of one file, computed from the zTOC as spec 3.7 says. */
  private static List<PrefetchArtifact.Span> spans(SociService soci, SociIndex index, Descriptor layer, String name)
      throws Exception {
    ZtocReader.Parsed z = ZtocReader.readWithZinfo(soci.cache().read(index.ztocFor(layer.digest()).orElseThrow()
        .ztocDigest()));
    for (FileMetadata f : z.ztoc().files()) {
      if (f.name().equals(name)) {
        int start = z.zinfo().spanOf(f.uncompressedOffset());
        int end = Math.max(start, z.zinfo().spanOf(f.uncompressedOffset() + f.uncompressedSize()));
        return List.of(new PrefetchArtifact.Span(start, end, 0));
      }
    }
    throw new AssertionError(name + " not in the zTOC");
  }
}
