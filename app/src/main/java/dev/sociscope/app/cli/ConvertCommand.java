package dev.sociscope.app.cli;

import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.workflow.ConvertResult;
import dev.sociscope.core.workflow.CreatedIndex;
import dev.sociscope.core.workflow.ExistingIndexPolicy;
import dev.sociscope.core.workflow.SociService;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sociscope convert SRC DST}: a SOCI-enabled image (v2). */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = {"Convert an image into a SOCI-enabled image (SOCI index v2), as 'soci convert' does, and write it"
        + " to DST (registry reference or oci:DIR[:TAG]; must be a tag).",
        "Default platform: linux/amd64 for multi-platform images (see --platform, --all-platforms).",
        "With --dry-run the zTOCs are built into the local cache only, and the output is:",
        "  dry run: nothing written to DST",
        "  SOCI-enabled image index sha256:... would be tagged DST",
        "    rewritten  PLATFORM  sha256:OLD -> sha256:NEW   (one per converted image manifest)",
        "    added      soci index v2  sha256:...  SIZE      (one per platform)",
        "    shared     sha256:...  MEDIA_TYPE              (entries kept from the source)",
        "  bytes added: SIZE (BYTES)"})
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
      converter = Policy.class,
      description = "When the source already is a SOCI-enabled image, or DST already holds one: warn and convert"
          + " (default), skip (write nothing), or allow (convert silently).")
  ExistingIndexPolicy existing;
  @CommandLine.Option(names = "--json", description = "With --dry-run: print the preview as JSON (progress lines go"
      + " to stderr).") boolean json;

  @Override
  public Integer call() throws Exception {
    if (json && !dryRun) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--json needs --dry-run");
    }
    SociService soci = registry.service(src, dst);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // With --json, stdout carries the JSON document alone.
    CreateCommand.Lines listener = new CreateCommand.Lines(json ? err : out, err, false);
    ConvertResult r = soci.convert(src, dst, platforms.selection(false), build.options(SociVersion.V2), build.force,
        dryRun, existing, listener, new dev.sociscope.core.io.Cancellation());
    if (dryRun) {
      ConvertPreviewPrinter.print(out, r, json);
      return 0;
    }
    if (r.skippedBecause() != null) {
      return 0; // core said "skipped: ..." already
    }
    for (CreatedIndex ci : r.indexes()) {
      out.println("soci index " + ci.build().digest() + " for " + dev.sociscope.core.format.TerminalText.escape(ci.manifest().platformText()));
    }
    r.skippedPlatforms().forEach(s -> err.println("skipped " + dev.sociscope.core.format.TerminalText.escape(String.valueOf(s))));
    out.println("SOCI-enabled image " + dev.sociscope.core.format.TerminalText.escape(String.valueOf(r.destination())) + " " + r.conversion().indexDigest());
    return 0;
  }

  /** {@code --existing-index warn|skip|allow} (any case); anything else is bad usage. */
  static final class Policy implements CommandLine.ITypeConverter<ExistingIndexPolicy> {
    @Override
    public ExistingIndexPolicy convert(String value) {
      try {
        return ExistingIndexPolicy.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not warn, skip or allow");
      }
    }
  }
}
