package dev.sociscope.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.layout.OciLayout;
import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.testing.MixedLayerImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertPreviewTest {
  @TempDir
  Path tmp;
  private SociService soci;
  private final List<String> messages = new ArrayList<>();
  private final CreateListener listener = new CreateListener() {
    @Override
    public void message(String line) {
      messages.add(line);
    }
  };
  private final SociIndexOptions options = SociIndexOptions.defaults(SociVersion.V2)
      .withMinLayerSize(MixedLayerImage.MIN_LAYER_SIZE).withSpanSize(MixedLayerImage.SPAN_SIZE);

  @BeforeEach
  void image() throws Exception {
    MixedLayerImage.write(tmp.resolve("layout"));
    soci = new SociService(RegistryClient.builder().build(), new ZtocCache(tmp.resolve("cache")));
  }

  private String ref(String tag) {
    return "oci:" + tmp.resolve("layout") + ":" + tag;
  }

  private ConvertResult convert(String src, String dst, boolean dryRun, ExistingIndexPolicy policy) throws Exception {
    return soci.convert(ref(src), ref(dst), ImageResolver.PlatformSelection.ALL, options, false, dryRun, policy,
        listener, new Cancellation());
  }

  @Test
  void aDryRunSaysWhatWouldBeWrittenAndWritesNothing() throws Exception {
    ConvertPreview preview = convert(MixedLayerImage.MIXED, "converted", true, ExistingIndexPolicy.WARN).preview();
    assertThat(OciLayout.open(tmp.resolve("layout")).tags()).doesNotContain("converted");
    assertThat(preview.rewritten()).extracting(ConvertPreview.Rewrite::platform)
        .containsExactly("linux/amd64", "linux/arm64");
    assertThat(preview.rewritten()).allSatisfy(r -> assertThat(r.to()).isNotEqualTo(r.from()));
    assertThat(preview.added()).hasSize(2);
    assertThat(preview.bytesAdded()).isGreaterThan(preview.added().get(0).size());

    // The real conversion then writes exactly the previewed image index.
    ConvertResult real = convert(MixedLayerImage.MIXED, "converted", false, ExistingIndexPolicy.WARN);
    assertThat(real.conversion().indexDigest()).isEqualTo(preview.index());
    assertThat(real.preview().rewritten()).isEqualTo(preview.rewritten());
  }

  @Test
  void anImageWithSociArtifactsIsWarnedAboutSkippedOrAllowed() throws Exception {
    convert(MixedLayerImage.MIXED, "converted", false, ExistingIndexPolicy.WARN);
    messages.clear();
    ConvertResult skipped = convert("converted", "again", false, ExistingIndexPolicy.SKIP);
    assertThat(skipped.skippedBecause()).contains("already a SOCI-enabled image");
    assertThat(OciLayout.open(tmp.resolve("layout")).tags()).doesNotContain("again");

    messages.clear();
    convert(MixedLayerImage.MIXED, "converted", true, ExistingIndexPolicy.WARN);
    assertThat(messages).anyMatch(m -> m.startsWith("warning: ") && m.contains("already holds a SOCI-enabled image"));
    messages.clear();
    convert(MixedLayerImage.MIXED, "converted", true, ExistingIndexPolicy.ALLOW);
    assertThat(messages).noneMatch(m -> m.startsWith("warning: "));
  }
}
