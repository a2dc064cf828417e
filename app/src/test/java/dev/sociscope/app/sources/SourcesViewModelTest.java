package dev.sociscope.app.sources;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourcesViewModelTest {
  @Test
  void forgetNamesWhatIsForgotten() {
    assertThat(SourcesViewModel.forgetText(new SourceItem(SourceItem.Kind.REGISTRY, "r", "", "http://h")))
        .contains("Forget this registry");
    assertThat(SourcesViewModel.forgetText(new SourceItem(SourceItem.Kind.LOCAL_IMAGE, "l", "", "oci:/x")))
        .contains("Forget this image");
    assertThat(SourcesViewModel.forgetText(new SourceItem(SourceItem.Kind.RECENT_ZTOC, "z", "", "/a.ztoc")))
        .contains("Forget this file");
    assertThat(SourcesViewModel.forgetText(new SourceItem(SourceItem.Kind.DEMO, "d", "", ""))).isEmpty();
  }
}
