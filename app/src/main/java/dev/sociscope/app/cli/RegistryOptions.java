package dev.sociscope.app.cli;

import dev.sociscope.core.image.ImageLocation;
import dev.sociscope.core.workflow.ImageStores;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.registry.auth.CredentialProvider;
import dev.sociscope.core.registry.auth.Credentials;
import dev.sociscope.core.registry.auth.DockerConfigCredentials;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every registry command shares: transport security and credentials. */
final class RegistryOptions {
  /** Where {@code --password-stdin} reads from (tests replace it). */
  static InputStream stdin = System.in;

  @Option(names = "--plain-http", description = "Use plain HTTP instead of HTTPS (loopback registries always do).")
  boolean plainHttp;

  @Option(names = "--insecure", description = "Do not verify TLS certificates.")
  boolean insecure;

  @Option(names = {"-u", "--username"}, paramLabel = "USER",
      description = "User name for the registries named on the command line (otherwise Docker's config.json).")
  String username;

  @Option(names = "--password-stdin", description = "Read the password (or token) for --username from stdin.")
  boolean passwordStdin;

  /** A client whose explicit credentials apply to the given registry hosts, then Docker's config. */
  RegistryClient client(List<String> apiHosts) throws IOException {
    if (passwordStdin && username == null) {
      throw new IllegalArgumentException("--password-stdin needs --username");
    }
    if (username != null && !passwordStdin) {
      throw new IllegalArgumentException("--username needs --password-stdin (the password is read from stdin)");
    }
    List<CredentialProvider> providers = new ArrayList<>();
    if (username != null) {
      String password = readPassword();
      Credentials credentials = Credentials.basic(username, password);
      List<String> hosts = List.copyOf(apiHosts);
      providers.add(host -> hosts.stream().anyMatch(h -> h.equalsIgnoreCase(host))
          ? Optional.of(credentials) : Optional.empty());
    }
    providers.add(DockerConfigCredentials.fromEnvironment());
    return RegistryClient.builder()
        .credentials(CredentialProvider.chain(providers.toArray(new CredentialProvider[0])))
        .plainHttpEverywhere(plainHttp)
        .insecure(insecure)
        .build();
  }

  ImageStores stores(ImageLocation... locations) throws IOException {
    return new ImageStores(clientFor(List.of(locations)));
  }

  /** A client whose explicit credentials apply to the registries among {@code locations}. */
  RegistryClient clientFor(Collection<ImageLocation> locations) throws IOException {
    List<String> hosts = new ArrayList<>();
    for (ImageLocation l : locations) {
      if (l instanceof ImageLocation.Registry r) {
        hosts.add(r.imageReference().apiHost());
      }
    }
    return client(hosts);
  }

  private static String readPassword() throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
    String line = reader.readLine();
    if (line == null || line.isEmpty()) {
      throw new IllegalArgumentException("--password-stdin: nothing was read from stdin");
    }
    return line.strip();
  }
}
