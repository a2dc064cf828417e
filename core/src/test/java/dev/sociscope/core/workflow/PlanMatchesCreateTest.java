package dev.sociscope.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.soci.LayerDecision;
import dev.sociscope.core.soci.LayerRule;
import dev.sociscope.core.soci.SociBuildException;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.soci.ZtocDescriptor;
import dev.sociscope.core.ztoc.ZtocReader;
import dev.sociscope.core.testing.MixedLayerImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan the GUI's wizard shows and what create then does come from one rule: they agree layer by layer. */
class PlanMatchesCreateTest {
  @TempDir
  Path tmp;
  private SociService soci;
  private final SociIndexOptions options = SociIndexOptions.defaults(SociVersion.V1)
      .withMinLayerSize(MixedLayerImage.MIN_LAYER_SIZE).withSpanSize(MixedLayerImage.SPAN_SIZE);

  @BeforeEach
  void image() throws Exception {
    MixedLayerImage.write(tmp.resolve("layout"));
    soci = new SociService(RegistryClient.builder().build(), new ZtocCache(tmp.resolve("cache")));
  }

  private String ref(String tag) {
    return "oci:" + tmp.resolve("layout") + ":" + tag;
  }

  @Test
  void everyLayerOfEveryPlatformGetsTheSameDecisionAndReason() throws Exception {
    IndexPlan plan = soci.plan(ref(MixedLayerImage.MIXED), ImageResolver.PlatformSelection.ALL, options);
    SociService.CreateOutcome created = soci.create(ref(MixedLayerImage.MIXED), SociService.CreateRequest.defaults()
        .withOptions(options).withPlatforms(ImageResolver.PlatformSelection.ALL), CreateListener.NONE,
        new Cancellation());

    assertThat(plan.platforms()).hasSize(2);
    assertThat(created.created()).hasSize(2);
    for (int p = 0; p < 2; p++) {
      IndexPlan.PlatformPlan planned = plan.platforms().get(p);
      CreatedIndex built = created.created().get(p);
      assertThat(built.manifest().manifest().digest()).isEqualTo(planned.manifest().manifest().digest());
      List<LayerDecision> decisions = built.build().decisions();
      assertThat(decisions).extracting(d -> d.rule().verdict()).containsExactly(LayerRule.Verdict.INDEX,
          LayerRule.Verdict.BELOW_MIN_SIZE, LayerRule.Verdict.UNSUPPORTED_COMPRESSION, LayerRule.Verdict.INDEX,
          LayerRule.Verdict.BELOW_MIN_SIZE);
      assertThat(planned.layers()).extracting(IndexPlan.LayerPlan::rule)
          .containsExactlyElementsOf(decisions.stream().map(LayerDecision::rule).toList());
      // The planned span count (from the tar size or the gzip trailer) is what the builder then made.
      for (IndexPlan.LayerPlan l : planned.layers()) {
        if (l.indexed()) {
          ZtocDescriptor z = built.build().index().ztocFor(l.layer().digest()).orElseThrow();
          long spans = ZtocReader.readWithZinfo(soci.cache().read(z.ztocDigest())).zinfo().spanCount();
          assertThat(l.exactSize()).isTrue();
          assertThat(l.spans()).as("spans of layer %d", l.position()).isEqualTo(spans);
        }
      }
    }
  }

  @Test
  void aNonLayerMediaTypeBlocksThePlanAndFailsCreateNamingTheLayer() throws Exception {
    IndexPlan plan = soci.plan(ref(MixedLayerImage.NOT_A_LAYER), ImageResolver.PlatformSelection.DEFAULT, options);
    IndexPlan.PlatformPlan only = plan.platforms().get(0);
    assertThat(only.buildable()).isFalse();
    IndexPlan.LayerPlan blocker = only.blocker().orElseThrow();
    assertThat(blocker.position()).isEqualTo(1);
    assertThatThrownBy(() -> soci.create(ref(MixedLayerImage.NOT_A_LAYER),
        SociService.CreateRequest.defaults().withOptions(options), CreateListener.NONE, new Cancellation()))
        .isInstanceOf(SociBuildException.class)
        .hasMessageContaining(blocker.layer().digest().toString()).hasMessageContaining("not a layer mediaType");
  }
}
