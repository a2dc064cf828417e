package dev.sociscope.app.cli;

import dev.sociscope.core.registry.ImageReference;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.registry.auth.CredentialProvider;
import dev.sociscope.core.registry.auth.Credentials;
import dev.sociscope.core.registry.auth.DockerConfigCredentials;
import dev.sociscope.core.workflow.SociService;
import dev.sociscope.core.workflow.ZtocCache;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Registry and cache flags shared by the commands that open images. */
final class RegistryFlags {
  @Option(names = "--plain-http", description = "Use plain HTTP (no TLS) for the registry.")
  boolean plainHttp;

  @Option(names = "--insecure", description = "Do not verify TLS certificates.")
  boolean insecure;

  @Option(names = {"-u", "--username"}, description = "Registry user name (password from --password-stdin).")
  String username;

  @Option(names = "--password-stdin", description = "Read the registry password from standard input.")
  boolean passwordStdin;

  @Option(names = "--cache-dir", paramLabel = "DIR",
      description = "Where zTOCs and indexes are kept (default: ~/.cache/sociscope).")
  Path cacheDir;

  @Option(names = "--parallel", paramLabel = "N", defaultValue = "3",
      description = "Layers indexed at the same time (default: ${DEFAULT-VALUE}).")
  int parallel;

  /** Standard input for {@code --password-stdin}; tests replace it. */
  static InputStream stdin = System.in;

  /** A service whose credentials apply only to the registries of {@code refs}. */
  SociService service(String... refs) throws IOException {
    RegistryClient.Builder b = RegistryClient.builder().plainHttpEverywhere(plainHttp).insecure(insecure);
    CredentialProvider docker = DockerConfigCredentials.fromEnvironment();
    if (passwordStdin && username == null) {
      throw new IllegalArgumentException("--password-stdin needs --username");
    }
    if (username != null) {
      if (!passwordStdin) {
        throw new IllegalArgumentException("--username needs --password-stdin (the password is never a flag)");
      }
      String password = new String(stdin.readAllBytes(), StandardCharsets.UTF_8).strip();
      Credentials creds = Credentials.basic(username, password);
      List<String> hosts = new ArrayList<>();
      for (String r : refs) {
        if (r != null && !r.startsWith("oci:")) {
          hosts.add(ImageReference.parse(r).apiHost());
        }
      }
      CredentialProvider flags = h -> hosts.stream().anyMatch(h::equalsIgnoreCase) ? Optional.of(creds)
          : Optional.empty();
      b.credentials(CredentialProvider.chain(flags, docker));
    } else {
      b.credentials(docker);
    }
    ZtocCache cache = new ZtocCache(cacheDir != null ? cacheDir : ZtocCache.defaultDir());
    return new SociService(b.build(), cache, parallel);
  }
}
