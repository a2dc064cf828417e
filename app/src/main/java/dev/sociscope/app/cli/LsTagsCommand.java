package dev.sociscope.app.cli;

import dev.sociscope.core.image.ImageLocation;
import dev.sociscope.core.registry.Listing;
import dev.sociscope.core.registry.ListingLimits;
import dev.sociscope.core.registry.RemoteRepository;
import dev.sociscope.core.workflow.OpenedImage;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sociscope ls-tags REF}: tags of a repository, or names in a layout/archive. */
@Command(name = "ls-tags", mixinStandardHelpOptions = true,
    description = "List the tags of a repository (or the image names in an oci:, oci-archive: or docker-archive: image).")
final class LsTagsCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin RegistryOptions registry = new RegistryOptions();

  @Parameters(paramLabel = "REF", description = "host/repository (a tag, if given, is ignored) or a local location")
  String ref;

  @Option(names = "--json", description = "Print a JSON array (an object with \"complete\": false when cut short).")
  boolean json;

  @Mixin ListingFlags listing = new ListingFlags();

  @Override
  public Integer call() throws Exception {
    ImageLocation location = ImageLocation.parse(ref);
    ListingLimits limits = listing.limits();
    Listing tags;
    try (OpenedImage image = OpenedImage.open(location, registry.clientFor(List.of(location)), null)) {
      RemoteRepository remote = image.repository();
      tags = remote != null ? remote.tagListing(0, limits) : local(image.store().tags(), limits);
    }
    ListingFlags.print(spec.commandLine().getOut(), spec.commandLine().getErr(), tags, json);
    return 0;
  }

  /** The names of a layout or archive (read whole from disk), cut at the same limit. */
  private static Listing local(List<String> names, ListingLimits limits) {
    if (names.size() <= limits.maxEntries()) {
      return new Listing(names, Optional.empty());
    }
    return new Listing(names.subList(0, limits.maxEntries()),
        Optional.of("stopped after " + limits.maxEntries() + " entries (the limit; more are available)"));
  }
}
