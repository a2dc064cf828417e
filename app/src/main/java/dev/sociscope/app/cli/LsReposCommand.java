package dev.sociscope.app.cli;

import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.image.ImageReference;
import dev.sociscope.core.registry.Listing;
import dev.sociscope.core.registry.RegistryClient;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sociscope ls-repos REGISTRY}: the registry's catalog. */
@Command(name = "ls-repos", mixinStandardHelpOptions = true,
    description = "List the repositories of a registry (GET /v2/_catalog; many hosted registries do not offer it).")
final class LsReposCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin RegistryOptions registry = new RegistryOptions();

  @Parameters(paramLabel = "REGISTRY", description = "host[:port], e.g. 127.0.0.1:5000 or docker.io")
  String host;

  @Option(names = "--json", description = "Print a JSON array (an object with \"complete\": false when cut short).")
  boolean json;

  @Mixin ListingFlags listing = new ListingFlags();

  @Override
  public Integer call() throws Exception {
    // The whole argument is a host (even without a dot), so it is not parsed as a Docker Hub repository.
    String registryHost = host.replaceFirst("^(docker|https?)://", "").replaceAll("/+$", "").toLowerCase(Locale.ROOT);
    if (registryHost.equals("index.docker.io")) {
      registryHost = ImageReference.DOCKER_HUB;
    }
    String apiHost = ImageReference.of(registryHost, "x", "latest").apiHost();
    RegistryClient client = registry.client(List.of(apiHost));
    Listing repos = client.catalogListing(apiHost, 0, listing.limits(), Cancellation.NONE);
    ListingFlags.print(spec.commandLine().getOut(), spec.commandLine().getErr(), repos, json);
    return 0;
  }
}
