package dev.sociscope.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.testing.MixedLayerImage;
import dev.sociscope.core.workflow.CreateListener;
import dev.sociscope.core.workflow.DemoImage;
import dev.sociscope.core.workflow.SociService;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The what-if at the index's own span size gives what the profile measures; other sizes are built for real. */
class WhatIfTest {
  @TempDir
  Path tmp;

  @Test
  void exactRowsMatchTheProfileAndRealBuildsAtOtherSpanSizes() throws Exception {
    MixedLayerImage.write(tmp.resolve("layout"));
    String ref = "oci:" + tmp.resolve("layout") + ":" + MixedLayerImage.FILES;
    SociService soci = new SociService(RegistryClient.builder().build(), new ZtocCache(tmp.resolve("cache")));
    long span = MixedLayerImage.SPAN_SIZE;
    SociIndexOptions options = SociIndexOptions.defaults(SociVersion.V1).withMinLayerSize(0).withSpanSize(span);
    soci.create(ref, SociService.CreateRequest.defaults().withOptions(options).pushing(true), CreateListener.NONE,
        new Cancellation());
    List<String> paths = List.of("app/bin", "etc/common.conf", "app/lib.so");
    StartupProfile profile = soci.profile(ref, null, paths);

    WhatIf exact = soci.whatIf(ref, null, paths, List.of(span, 2 * span), 0, true, new Cancellation());
    assertThat(exact.exact()).isTrue();
    WhatIf.SpanRow same = exact.spanRows().get(0);
    assertThat(same.neededBytes()).isEqualTo(profile.layers().stream().mapToLong(StartupProfile.Layer::lazyBytes)
        .sum());
    assertThat(same.ztocBytes()).isEqualTo(profile.ztocBytes());
    // The profile at the row's span size is the profile itself: per layer the same spans, bytes and requests.
    StartupProfile atSame = profile.atSpanSize(same);
    assertThat(atSame.layers()).isEqualTo(profile.layers());
    assertThat(atSame.lazyBytes()).isEqualTo(profile.lazyBytes());

    // At twice the span size, the zTOC bytes of real builds with it.
    dev.sociscope.core.layout.OciLayout layout = dev.sociscope.core.layout.OciLayout.open(tmp.resolve("layout"));
    long real = 0;
    for (StartupProfile.Layer l : profile.layers()) {
      real += dev.sociscope.core.ztoc.ZtocWriter.write(new dev.sociscope.core.build.ZtocBuilder(
          new dev.sociscope.core.build.ZtocBuilder.Options(2 * span, dev.sociscope.core.soci.SociDefaults
              .BUILD_TOOL_IDENTIFIER)).build(layout.openBlob(l.digest()))).length;
    }
    WhatIf.SpanRow twice = exact.spanRows().get(1);
    assertThat(twice.spanSize()).isEqualTo(2 * span);
    assertThat(twice.ztocBytes()).isEqualTo(real).isLessThan(same.ztocBytes());
    StartupProfile atTwice = profile.atSpanSize(twice);
    assertThat(atTwice.spanSize()).isEqualTo(2 * span);
    assertThat(atTwice.ztocBytes()).isEqualTo(real);
    assertThat(atTwice.layers()).extracting(StartupProfile.Layer::lazyBytes).containsExactlyElementsOf(
        twice.layers().stream().map(WhatIf.LayerCost::lazyBytes).toList());
    assertThat(atTwice.lazyBytes()).isEqualTo(profile.indexBytes() + twice.lazyBytes());

    WhatIf estimated = soci.whatIf(ref, null, paths, List.of(span, 2 * span), 0, false, new Cancellation());
    assertThat(estimated.exact()).isFalse();
    assertThat(estimated.spanRows().get(0).neededBytes()).isCloseTo(same.neededBytes(),
        org.assertj.core.data.Percentage.withPercentage(15));
    assertThat(estimated.minSizeRows()).extracting(WhatIf.MinSizeRow::minLayerSize)
        .containsExactlyElementsOf(WhatIfAnalyzer.MIN_LAYER_SIZES);
  }

  /**
   * The demo image's numbers.txt starts just before a multiple of the span size but after the real checkpoint
   * before it: spans scaled to multiples of the span size would miss the real span that holds its first bytes. At
   * the index's own span size the estimate must use the real geometry and agree with the profile exactly.
   */
  @Test
  void anEstimateAtTheIndexsOwnSpanSizeIsWhatTheProfileMeasures() throws Exception {
    DemoImage.Result demo = DemoImage.write(tmp.resolve("demo"));
    SociService soci = new SociService(RegistryClient.builder().build(), new ZtocCache(tmp.resolve("cache")));
    List<String> paths = List.of("data/numbers.txt");
    StartupProfile profile = soci.profile(demo.imageRef(), null, paths);
    WhatIf estimated = soci.whatIf(demo.imageRef(), null, paths, List.of(DemoImage.SPAN_SIZE,
        2 * DemoImage.SPAN_SIZE), 0, false, new Cancellation());
    WhatIf.SpanRow same = estimated.spanRows().get(0);
    assertThat(same.neededBytes()).isEqualTo(profile.layers().stream().filter(StartupProfile.Layer::indexed)
        .mapToLong(StartupProfile.Layer::lazyBytes).sum());
    assertThat(same.ztocBytes()).isEqualTo(profile.ztocBytes());
    assertThat(same.rangeRequests()).isEqualTo(profile.layers().stream()
        .mapToLong(StartupProfile.Layer::rangeRequests).sum());
  }
}
