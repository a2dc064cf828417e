package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.testing.MixedLayerImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A {@link MixedLayerImage} layout and a cache folder, and the CLI run against them. */
final class NewCommandsTestSupport {
  /** create/convert options that index the large layers of {@link MixedLayerImage}. */
  static final String[] BUILD = {"--span-size", Long.toString(MixedLayerImage.SPAN_SIZE), "--min-layer-size",
      Long.toString(MixedLayerImage.MIN_LAYER_SIZE)};

  final Path dir;
  final Path layout;

  NewCommandsTestSupport(Path dir) throws IOException {
    this.dir = dir;
    this.layout = dir.resolve("layout");
    MixedLayerImage.write(layout);
  }

  String ref(String tagOrDigest) {
    return "oci:" + layout + (tagOrDigest.startsWith("sha256:") ? "@" : ":") + tagOrDigest;
  }

  /** Runs the CLI with this test's cache folder; any exit code. */
  CliTestSupport.Result run(String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.add("--cache-dir");
    all.add(dir.resolve("cache").toString());
    return CliTestSupport.run(all.toArray(new String[0]));
  }

  /** Runs the CLI and asserts exit code {@code code}. */
  CliTestSupport.Result expect(int code, String... args) {
    CliTestSupport.Result r = run(args);
    assertThat(r.exitCode()).as("sociscope %s\nout: %s\nerr: %s", String.join(" ", args), r.out(), r.err())
        .isEqualTo(code);
    return r;
  }

  CliTestSupport.Result ok(String... args) {
    return expect(0, args);
  }

  /** {@code more} followed by {@code base}. */
  static String[] with(String[] base, String... more) {
    List<String> all = new ArrayList<>(Arrays.asList(more));
    all.addAll(Arrays.asList(base));
    return all.toArray(new String[0]);
  }
}
