package dev.sociscope.core.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.testing.MixedLayerImage;
import dev.sociscope.core.workflow.CreateListener;
import dev.sociscope.core.workflow.CreatedIndex;
import dev.sociscope.core.workflow.SociService;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexDiffTest {
  @TempDir
  Path tmp;
  private SociService soci;
  private final SociIndexOptions options = SociIndexOptions.defaults(SociVersion.V1).withMinLayerSize(0)
      .withSpanSize(MixedLayerImage.SPAN_SIZE);

  @BeforeEach
  void image() throws Exception {
    MixedLayerImage.write(tmp.resolve("layout"));
    soci = new SociService(RegistryClient.builder().build(), new ZtocCache(tmp.resolve("cache")));
  }

  private String ref(String tagOrDigest) {
    return "oci:" + tmp.resolve("layout") + (tagOrDigest.startsWith("sha256:") ? "@" : ":") + tagOrDigest;
  }

  private CreatedIndex create(String tag, SociIndexOptions o) throws Exception {
    return soci.create(ref(tag), SociService.CreateRequest.defaults().withOptions(o).pushing(true),
        CreateListener.NONE, new Cancellation()).created().get(0);
  }

  @Test
  void anotherSpanSizeRebuildsEveryZtocAndChangesNoFile() throws Exception {
    CreatedIndex small = create(MixedLayerImage.FILES, options);
    CreatedIndex large = create(MixedLayerImage.FILES, options.withSpanSize(4 * MixedLayerImage.SPAN_SIZE));
    IndexDiff d = soci.diff(ref(small.build().digest().toString()), ref(large.build().digest().toString()));
    assertThat(d.layers()).hasSize(2).allSatisfy(l -> {
      assertThat(l.change()).isEqualTo(IndexDiff.Change.REBUILT);
      assertThat(l.spanSizeChanged()).isTrue();
      assertThat(l.spanSizeA()).isEqualTo(MixedLayerImage.SPAN_SIZE);
      assertThat(l.spanSizeB()).isEqualTo(4 * MixedLayerImage.SPAN_SIZE);
    });
    assertThat(d.filesChanged()).isFalse();
    assertThat(d.ztocBytesDelta()).isNegative(); // fewer checkpoints
  }

  @Test
  void twoImagesThatDifferInOneFileReportExactlyThatFile() throws Exception {
    create(MixedLayerImage.FILES, options);
    create(MixedLayerImage.FILES_CHANGED, options);
    IndexDiff d = soci.diff(ref(MixedLayerImage.FILES), ref(MixedLayerImage.FILES_CHANGED));
    assertThat(d.layers()).extracting(IndexDiff.LayerDiff::change)
        .containsExactly(IndexDiff.Change.REUSED, IndexDiff.Change.REPLACED);
    assertThat(d.layers().get(1).files()).singleElement().satisfies(f -> {
      assertThat(f.kind()).isEqualTo(IndexDiff.FileChangeKind.CHANGED);
      assertThat(f.path()).isEqualTo("app/lib.so");
      assertThat(f.what()).containsExactly("size 196608 -> 196609");
    });
  }
}
