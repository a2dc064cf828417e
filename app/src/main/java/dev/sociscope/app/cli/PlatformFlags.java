package dev.sociscope.app.cli;

import dev.sociscope.core.oci.Platform;
import dev.sociscope.core.workflow.ImageResolver.PlatformSelection;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --platform P} (repeatable) or {@code --all-platforms}. */
final class PlatformFlags {
  @Option(names = {"-p", "--platform"}, paramLabel = "OS/ARCH[/VARIANT]",
      description = "Platform of a multi-platform image (repeatable; default linux/amd64).")
  List<String> platforms = new ArrayList<>();

  @Option(names = "--all-platforms", description = "Every platform of the image.")
  boolean all;

  PlatformSelection selection(boolean defaultAll) {
    if (all && !platforms.isEmpty()) {
      throw new IllegalArgumentException("--platform and --all-platforms exclude each other");
    }
    if (all) {
      return PlatformSelection.ALL;
    }
    if (platforms.isEmpty()) {
      return defaultAll ? PlatformSelection.ALL : PlatformSelection.DEFAULT;
    }
    List<Platform> out = new ArrayList<>();
    for (String p : platforms) {
      out.add(Platform.parse(p));
    }
    return PlatformSelection.of(out);
  }
}
