package dev.sociscope.app.cli;

import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.workflow.ConvertResult;
import dev.sociscope.core.workflow.ExistingIndexPolicy;
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
  @CommandLine.Option(names = {"-n", "--dry-run"}, description = "Build the indexes (into the local cache) and print"
      + " what would be written: the SOCI-enabled image index, rewritten manifests with their new digests, added"
      + " indexes, shared entries and bytes added. Nothing is written to DST.")
  boolean dryRun;
  @CommandLine.Option(names = "--existing-index", paramLabel = "warn|skip|allow", defaultValue = "warn",
      description = "When the source already is a SOCI-enabled image, or DST already holds one: warn and convert"
          + " (default), skip (write nothing), or allow (convert silently).")
  String existing;
  @CommandLine.Option(names = "--json", description = "With --dry-run: the preview as JSON.") boolean json;

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
        dryRun, ExistingIndexPolicy.parse(existing), listener, new dev.sociscope.core.io.Cancellation());
    if (r.skippedBecause() != null) {
      return 0;
    }
    if (dryRun) {
      ConvertPreviewPrinter.print(out, r.preview(), json);
      return 0;
    }
    for (CreatedIndex ci : r.indexes()) {
      out.println("soci index " + ci.build().digest() + " for " + ci.manifest().platformText());
    }
    r.skippedPlatforms().forEach(s -> spec.commandLine().getErr().println("skipped " + s));
    out.println("SOCI-enabled image " + r.destination() + " " + r.conversion().indexDigest());
    return 0;
  }
}
