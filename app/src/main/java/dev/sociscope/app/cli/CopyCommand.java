package dev.sociscope.app.cli;

import dev.sociscope.core.workflow.ImageCopier;
import dev.sociscope.core.image.ImageLocation;
import dev.sociscope.core.image.ImageSource;
import dev.sociscope.core.workflow.ImageStores;
import dev.sociscope.core.image.ImageTarget;
import dev.sociscope.core.oci.Platform;
import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.image.ImageReference;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sociscope copy SRC DST}: copies an image with its exact bytes (digests unchanged). */
@Command(name = "copy", mixinStandardHelpOptions = true,
    description = {"Copy an image between registries and OCI layouts, all platforms unless --platform is given.",
        "Bytes are copied exactly, so every digest stays the same."})
final class CopyCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin RegistryOptions registry = new RegistryOptions();

  @Parameters(index = "0", paramLabel = "SRC", description = "registry reference, oci:, oci-archive: or docker-archive:")
  String source;

  @Parameters(index = "1", paramLabel = "DST", description = "registry reference or oci:PATH[:TAG]")
  String destination;

  @Option(names = {"-p", "--platform"}, paramLabel = "OS/ARCH[/VARIANT]", description = "Copy only this platform's manifest.")
  String platform;

  @Override
  public Integer call() throws Exception {
    ImageLocation src = ImageLocation.parse(source);
    ImageLocation dst = ImageLocation.parse(destination);
    String tag = targetTag(src, dst);
    ImageStores stores = registry.stores(src, dst);
    PrintWriter out = spec.commandLine().getOut();
    try (ImageSource from = stores.openSource(src); ImageTarget to = stores.openTarget(dst)) {
      ImageCopier.Result r = new ImageCopier(Cancellation.NONE, ImageCopier.Listener.NONE)
          .copy(from, src.reference(), to, tag, platform == null ? null : Platform.parse(platform));
      out.printf("Copied %s to %s%n", dev.sociscope.core.format.TerminalText.escape(String.valueOf(src)), dev.sociscope.core.format.TerminalText.escape(String.valueOf(dst)));
      out.printf("Digest: %s (%s)%n", r.digest(), dev.sociscope.core.format.TerminalText.escape(String.valueOf(r.mediaType())));
      out.printf("%d manifests, %d blobs transferred (%s), %d already present or mounted%n", r.manifests(),
          r.blobsTransferred(), InspectCommand.size(r.bytesTransferred()), r.blobsSkipped());
    }
    return 0;
  }

  /** The destination's tag; for a layout without one, the source's tag, else "latest". */
  private static String targetTag(ImageLocation src, ImageLocation dst) {
    if (dst instanceof ImageLocation.Registry r) {
      ImageReference ref = r.imageReference();
      if (ref.tag() == null) {
        throw new IllegalArgumentException("The destination " + ref + " needs a tag");
      }
      return ref.tag();
    }
    if (dst.reference() != null) {
      return dst.reference();
    }
    String from = src.reference();
    return from != null && !from.startsWith("sha256:") ? from : "latest";
  }
}
