package dev.sociscope.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ImageLocationTest {
  @Test
  void transports() {
    assertThat(ImageLocation.parse("oci:/tmp/layout:v1")).isEqualTo(new ImageLocation.Layout(Path.of("/tmp/layout"), "v1"));
    assertThat(ImageLocation.parse("oci:/tmp/layout")).isEqualTo(new ImageLocation.Layout(Path.of("/tmp/layout"), null));
    assertThat(ImageLocation.parse("oci:rel/dir")).isEqualTo(new ImageLocation.Layout(Path.of("rel/dir"), null));
    assertThat(ImageLocation.parse("oci-archive:/a/b.tar:latest"))
        .isEqualTo(new ImageLocation.OciArchive(Path.of("/a/b.tar"), "latest"));
    assertThat(ImageLocation.parse("docker-archive:/a/save.tar"))
        .isEqualTo(new ImageLocation.DockerArchive(Path.of("/a/save.tar"), null));
    ImageLocation r = ImageLocation.parse("docker://127.0.0.1:5000/team/app:v2");
    assertThat(r).isInstanceOf(ImageLocation.Registry.class);
    assertThat(r.reference()).isEqualTo("v2");
    assertThat(((ImageLocation.Registry) ImageLocation.parse("ubuntu")).imageReference().repository())
        .isEqualTo("library/ubuntu");
  }

  @Test
  void badLocations() {
    assertThatThrownBy(() -> ImageLocation.parse("oci:")).isInstanceOf(InvalidReferenceException.class);
    assertThatThrownBy(() -> ImageLocation.parse("s3://bucket/x")).hasMessageContaining("s3://bucket/x");
    assertThatThrownBy(() -> ImageLocation.parse("/tmp/layout")).isInstanceOf(InvalidReferenceException.class)
        .hasMessage("'/tmp/layout' is a path, not an image reference"
            + " (use oci:PATH[:TAG], oci-archive:FILE[:TAG] or docker-archive:FILE)");
    assertThatThrownBy(() -> ImageLocation.parse("./img.tar")).hasMessageContaining("oci-archive:FILE");
  }

  @Test
  void localImagesByDigest() {
    String digest = "sha256:" + "ab".repeat(32);
    ImageLocation l = ImageLocation.parse("oci:/tmp/layout@" + digest);
    assertThat(l).isEqualTo(new ImageLocation.Layout(Path.of("/tmp/layout"), digest));
    assertThat(l.reference()).isEqualTo(digest);
    assertThat(l.toString()).isEqualTo("oci:/tmp/layout@" + digest);
    assertThat(ImageLocation.parse("oci-archive:/a/b.tar@" + digest))
        .isEqualTo(new ImageLocation.OciArchive(Path.of("/a/b.tar"), digest));
    assertThatThrownBy(() -> ImageLocation.parse("oci:/tmp/layout@sha256:short"))
        .isInstanceOf(InvalidReferenceException.class).hasMessageContaining("not a sha256 digest");
  }
}
