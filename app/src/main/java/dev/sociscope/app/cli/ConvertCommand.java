package dev.sociscope.app.cli;

import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.workflow.ConvertResult;
import dev.sociscope.core.workflow.CreateListener;
import dev.sociscope.core.workflow.CreatedIndex;
import dev.sociscope.core.workflow.SociService;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sociscope convert SRC DST}: a SOCI-enabled image (v2). */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = {"Convert an image into a SOCI-enabled image (SOCI index v2), as 'soci convert' does, and write it"
        + " to DST (registry reference or oci:DIR[:TAG]; must be a tag).",
        "Default platform: linux/amd64 for multi-platform images (see --platform, --all-platforms)."})
final class ConvertCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Parameters(index = "0", paramLabel = "SRC",
      description = "Image to convert: registry reference or oci:DIR[:TAG].") String src;
  @Parameters(index = "1", paramLabel = "DST",
      description = "Where the SOCI-enabled image goes: registry reference or oci:DIR[:TAG], with a tag.") String dst;
  @Mixin RegistryFlags registry;
  @Mixin PlatformFlags platforms;
  @Mixin CreateCommand.BuildFlags build;

  @Override
  public Integer call() throws Exception {
    SociService soci = registry.service(src, dst);
    PrintWriter out = spec.commandLine().getOut();
    CreateListener listener = new CreateListener() {
      @Override
      public synchronized void message(String line) {
        out.println(line);
      }
    };
    ConvertResult r = soci.convert(src, dst, platforms.selection(false), build.options(SociVersion.V2), build.force,
        listener, new dev.sociscope.core.io.Cancellation());
    for (CreatedIndex ci : r.indexes()) {
      out.println("soci index " + ci.build().digest() + " for " + ci.manifest().platformText());
    }
    r.skippedPlatforms().forEach(s -> spec.commandLine().getErr().println("skipped " + s));
    out.println("SOCI-enabled image " + r.destination() + " " + r.conversion().indexDigest());
    return 0;
  }
}
