package dev.sociscope.app.cli;

import dev.sociscope.core.image.ImageLocation;
import dev.sociscope.core.image.ImageSource;
import java.util.List;
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

  @Option(names = "--json", description = "Print a JSON array.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    ImageLocation location = ImageLocation.parse(ref);
    List<String> tags;
    try (ImageSource source = registry.stores(location).openSource(location)) {
      tags = source.tags();
    }
    Json.printNames(spec.commandLine().getOut(), tags, json);
    return 0;
  }
}
