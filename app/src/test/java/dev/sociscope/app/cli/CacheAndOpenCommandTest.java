package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.oci.Digest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheAndOpenCommandTest {
  @TempDir Path tmp;

  @AfterEach
  void noGui() {
    SociscopeCommand.setGuiOpener(null); // back to "no GUI" for other tests
  }

  @Test
  void cacheInfoShowsSizeAndClearEmptiesIt() throws Exception {
    Path dir = tmp.resolve("cache");
    byte[] ztoc = new byte[50_000];
    new ZtocCache(dir).put(Digest.of("layer".getBytes(StandardCharsets.UTF_8)), 65536, "t", Digest.of(ztoc), ztoc);

    CliTestSupport.Result info = CliTestSupport.run("cache", "info", "--cache-dir", dir.toString());
    assertThat(info.exitCode()).as(info.err()).isZero();
    assertThat(info.out()).contains("folder  " + dir).contains("size    49.0 KiB in 4 files").contains("limit   2.0 GiB");

    CliTestSupport.Result json = CliTestSupport.run("cache", "info", "--json", "--cache-dir", dir.toString());
    assertThat(json.out()).contains("\"bytes\"").contains("\"limitBytes\" : " + ZtocCache.DEFAULT_LIMIT);

    CliTestSupport.Result clear = CliTestSupport.run("cache", "clear", "--cache-dir", dir.toString());
    assertThat(clear.exitCode()).isZero();
    assertThat(clear.out()).startsWith("cleared " + dir).contains("KiB freed");
    assertThat(new ZtocCache(dir).usage().bytes()).isLessThan(1000);
  }

  @Test
  void openChecksTheReferenceThenStartsTheGui() {
    List<String> started = new ArrayList<>();
    SociscopeCommand.setGuiOpener(started::add);

    CliTestSupport.Result ok = CliTestSupport.run("open", "127.0.0.1:5000/demo/app@sha256:" + "a".repeat(64));
    assertThat(ok.exitCode()).isZero();
    assertThat(started).containsExactly("127.0.0.1:5000/demo/app@sha256:" + "a".repeat(64));

    CliTestSupport.Result bad = CliTestSupport.run("open", "./not/a/reference");
    assertThat(bad.exitCode()).isEqualTo(SociscopeCommand.EXIT_USER_ERROR);
    assertThat(bad.err().lines().count()).isEqualTo(1);
    assertThat(bad.err()).contains("is a path, not an image reference");
    assertThat(started).hasSize(1);
  }

  @Test
  void aLoneReferenceIsAnImageButCommandsAndWordsAreNot() {
    assertThat(SociscopeCommand.isImageArgument("127.0.0.1:5000/app:1")).isTrue();
    assertThat(SociscopeCommand.isImageArgument("oci:/tmp/layout")).isTrue();
    assertThat(SociscopeCommand.isImageArgument("inspect")).isFalse();
    assertThat(SociscopeCommand.isImageArgument("inspcet")).isFalse(); // a typo stays a usage error
    assertThat(SociscopeCommand.isImageArgument("--help")).isFalse();
  }
}
