package dev.sociscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.image.Image;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;

@ExtendWith(ApplicationExtension.class)
class SociscopeAppTest {
  @Test
  void windowIconsComeInEverySize() {
    List<Image> icons = SociscopeApp.icons();
    assertThat(icons).extracting(i -> (int) i.getWidth()).containsExactly(16, 32, 48, 64, 128, 256);
    assertThat(icons).allSatisfy(i -> assertThat(i.isError()).isFalse());
  }

  @Test
  void oneZtocArgumentIsOpened() {
    assertThat(SociscopeApp.ztocArgument(List.of("/tmp/layer.ZTOC"))).contains(Path.of("/tmp/layer.ZTOC"));
    assertThat(SociscopeApp.ztocArgument(List.of())).isEmpty();
    assertThat(SociscopeApp.ztocArgument(List.of("a.ztoc", "b.ztoc"))).isEmpty();
    assertThat(SociscopeApp.ztocArgument(List.of("image.tar"))).isEmpty();
  }
}
