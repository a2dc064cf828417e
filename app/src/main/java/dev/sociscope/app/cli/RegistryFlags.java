package dev.sociscope.app.cli;

import dev.sociscope.core.image.ImageLocation;
import dev.sociscope.core.workflow.SociService;
import dev.sociscope.core.layout.ZtocCache;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The registry flags of {@link RegistryOptions} plus the cache and parallelism of the SOCI workflows. */
final class RegistryFlags {
  @Mixin RegistryOptions registry = new RegistryOptions();

  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Where zTOCs and indexes are kept (default: ~/.cache/sociscope).")
  Path cacheDir;

  @Option(names = "--parallel", paramLabel = "N", defaultValue = "3",
      description = "Layers indexed at the same time (default: ${DEFAULT-VALUE}).")
  int parallel;

  /** A service whose explicit credentials apply only to the registries of {@code refs}. */
  SociService service(String... refs) throws IOException {
    List<ImageLocation> locations = new ArrayList<>();
    for (String r : refs) {
      if (r == null || r.startsWith("sha256:")) {
        continue; // a bare digest names an index in the local cache
      }
      String text = r.startsWith("oci:") && r.contains("@sha256:") ? r.substring(0, r.lastIndexOf('@')) : r;
      locations.add(ImageLocation.parse(text));
    }
    ZtocCache cache = new ZtocCache(cacheDir != null ? cacheDir : ZtocCache.defaultDir());
    if (mixee != null && mixee.commandLine() != null) {
      registry.errOverride = mixee.commandLine().getErr();
    }
    return CliResources.track(new SociService(registry.clientFor(locations), cache, parallel));
  }
}
