package dev.sociscope.core.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.extract.SpanRange;
import dev.sociscope.core.files.ImageFiles;
import dev.sociscope.core.files.ReadStats;
import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.testing.MixedLayerImage;
import dev.sociscope.core.workflow.CreateListener;
import dev.sociscope.core.workflow.ImageResolver;
import dev.sociscope.core.workflow.SociService;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A profile's per-layer bytes are what reading the same files lazily then fetches. */
class StartupProfilerTest {
  @TempDir
  Path tmp;

  @Test
  void lazyBytesPerLayerEqualWhatReadingTheFilesFetches() throws Exception {
    MixedLayerImage.write(tmp.resolve("layout"));
    String ref = "oci:" + tmp.resolve("layout") + ":" + MixedLayerImage.FILES;
    SociService soci = new SociService(RegistryClient.builder().build(), new ZtocCache(tmp.resolve("cache")));
    soci.create(ref, SociService.CreateRequest.defaults().withOptions(SociIndexOptions.defaults(SociVersion.V1)
        .withMinLayerSize(0).withSpanSize(MixedLayerImage.SPAN_SIZE)).pushing(true), CreateListener.NONE,
        new Cancellation());

    StartupProfile p = soci.profile(ref, null, List.of("app/bin", "/etc/common.conf", "app/nothing"));
    assertThat(p.index()).isNotNull();
    assertThat(p.notFound()).containsExactly("app/nothing");
    assertThat(p.layers()).hasSize(2);
    assertThat(p.layers().get(0).files()).containsExactly("app/bin");
    assertThat(p.layers().get(1).files()).containsExactly("etc/common.conf"); // the upper copy wins

    // a profile models the container runtime, which fetches whole spans; sociscope's own reads may stop earlier
    ImageFiles files = soci.files(ref, ImageResolver.PlatformSelection.DEFAULT, null)
        .spanFetch(dev.sociscope.core.extract.SpanFetch.WHOLE);
    ReadStats partial = soci.files(ref, ImageResolver.PlatformSelection.DEFAULT, null)
        .read("app/bin", OutputStream.nullOutputStream());
    ReadStats bin = files.read("app/bin", OutputStream.nullOutputStream());
    ReadStats conf = files.read("etc/common.conf", OutputStream.nullOutputStream());
    assertThat(p.layers().get(0).lazyBytes()).isEqualTo(bin.bytesFetched()).isEqualTo(partial.wholeSpanBytes())
        .isGreaterThanOrEqualTo(partial.bytesFetched());
    assertThat(p.layers().get(1).lazyBytes()).isEqualTo(conf.bytesFetched());
    assertThat(p.layers().get(0).spans()).containsExactly(new SpanRange(bin.firstSpan(), bin.lastSpan()));
    assertThat(p.fullPullBytes()).isGreaterThan(p.layers().get(0).size() + p.layers().get(1).size());
    assertThat(p.lazyBytes()).isEqualTo(p.indexBytes() + p.ztocBytes() + bin.bytesFetched() + conf.bytesFetched());
    StartupProfile.Seconds s = p.seconds(Link.typical());
    assertThat(s.lazyPrefetched()).isLessThanOrEqualTo(s.lazy());
  }
}
