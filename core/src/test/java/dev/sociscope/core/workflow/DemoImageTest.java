package dev.sociscope.core.workflow;

import dev.sociscope.core.files.ReadStats;
import dev.sociscope.core.files.FileEntry;
import dev.sociscope.core.files.ImageFiles;
import dev.sociscope.core.layout.ZtocCache;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.soci.SociVersion;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoImageTest {
  @TempDir Path tmp;

  @Test
  void writesTheSameLayoutTwiceWithV1AndV2IndexesAndWhiteoutsApplied() throws Exception {
    DemoImage.Result a = DemoImage.write(tmp.resolve("a"));
    DemoImage.Result b = DemoImage.write(tmp.resolve("b"));
    assertThat(b.v1Index()).isEqualTo(a.v1Index());
    assertThat(b.sociEnabledIndex()).isEqualTo(a.sociEnabledIndex());
    assertThat(Files.readString(tmp.resolve("b/index.json"))).isEqualTo(Files.readString(tmp.resolve("a/index.json")));

    SociService soci = new SociService(RegistryClient.builder().build(), new ZtocCache(tmp.resolve("cache")), 2);
    Discovery v1 = soci.discover(a.imageRef(), ImageResolver.PlatformSelection.DEFAULT);
    assertThat(v1.allIndexes()).singleElement().satisfies(f -> assertThat(f.version()).isEqualTo(SociVersion.V1));
    List<LayerStatus> layers = new SociDiscoverer(soci.open(a.imageRef()).store())
        .layers(v1.platforms().get(0).manifest(), v1.allIndexes().get(0).index(), true);
    assertThat(layers).extracting(LayerStatus::state).containsExactly(LayerStatus.State.BELOW_MIN_SIZE,
        LayerStatus.State.INDEXED, LayerStatus.State.BELOW_MIN_SIZE);
    assertThat(layers.get(1).spans()).isGreaterThanOrEqualTo(12);

    Discovery v2 = soci.discover(a.sociEnabledRef(), ImageResolver.PlatformSelection.DEFAULT);
    assertThat(v2.isSociEnabled()).isTrue();
    assertThat(v2.allIndexes()).singleElement().satisfies(f -> assertThat(f.version()).isEqualTo(SociVersion.V2));

    ImageFiles files = soci.files(a.imageRef(), ImageResolver.PlatformSelection.DEFAULT, null);
    TreeMap<String, FileEntry> tree = files.tree(true);
    assertThat(tree).containsKeys("etc/motd", "data/random.bin", "app/config.json", "var/cache/new.txt")
        .doesNotContainKeys("README.txt", "var/cache/old.txt", ".wh.README.txt");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReadStats s = files.read("/data/numbers.txt", out);
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("0 fizzbuzz\n1\n2\n3 fizz\n");
    assertThat(s.lazy()).isTrue();
    ByteArrayOutputStream motd = new ByteArrayOutputStream();
    ReadStats fallback = files.read("etc/motd.link", motd);
    assertThat(motd.toString(StandardCharsets.UTF_8)).startsWith("Welcome to the sociscope demo image.");
    assertThat(fallback.lazy()).isFalse();
    ByteArrayOutputStream script = new ByteArrayOutputStream();
    files.read("/usr/local/bin/hello", script, true);
    assertThat(script.toString(StandardCharsets.UTF_8)).startsWith("#!/bin/sh");
    assertThatThrownBy(() -> files.read("/usr/local/bin/hello", new ByteArrayOutputStream()))
        .isInstanceOf(dev.sociscope.core.extract.NotRegularFileException.class).hasMessageContaining("symlink");
    assertThatThrownBy(() -> files.read("README.txt", new ByteArrayOutputStream()))
        .isInstanceOf(FileNotFoundException.class);
    assertThatThrownBy(() -> files.read("var/cache/old.txt", new ByteArrayOutputStream()))
        .isInstanceOf(FileNotFoundException.class);
  }
}
