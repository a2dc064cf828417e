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
import dev.sociscope.core.registry.transport.Durations;
import dev.sociscope.core.registry.transport.EnvironmentProxies;
import dev.sociscope.core.registry.transport.Timeouts;
import dev.sociscope.core.registry.transport.TlsConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options every registry command shares: transport security, proxies, time-outs and credentials. */
final class RegistryOptions {
  static final String INSECURE_WARNING = "sociscope: warning: --insecure: TLS certificates and host names are not"
      + " checked; anyone on the network path can read and change what is sent";
  /** Where {@code --password-stdin} reads from (tests replace it). */
  static InputStream stdin = System.in;

  @Option(names = "--plain-http", description = "Use plain HTTP instead of HTTPS (a loopback registry that does not"
      + " speak TLS gets it anyway).")
  boolean plainHttp;

  @Option(names = "--insecure", description = "Do not verify TLS certificates (prints a warning each time).")
  boolean insecure;

  @Option(names = "--tls-ca-cert", paramLabel = "FILE", description = "Also trust the CA certificates in this PEM"
      + " file (may hold several; the option may be repeated). The system store and certs.d stay in use.")
  List<Path> tlsCaCerts = new ArrayList<>();

  @Option(names = "--tls-cert", paramLabel = "FILE",
      description = "Client certificate (PEM) for registries that want mutual TLS; needs --tls-key.")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "FILE",
      description = "Private key (PEM: PKCS#8, RSA or EC) of --tls-cert; not encrypted.")
  Path tlsKey;

  @Option(names = "--timeout", paramLabel = "DURATION", description = "Give up on the whole command after this"
      + " long, retries included (e.g. 500ms, 5s, 2m, 1h); also the longest wait for a connection or an answer."
      + " Default: no overall limit, 15s to connect, 60s for an answer.")
  String timeout;

  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

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
    Timeouts timeouts = timeout == null ? Timeouts.defaults() : Timeouts.overall(Durations.parse(timeout));
    TlsConfig tls = TlsConfig.load(tlsCaCerts, tlsCert, tlsKey, insecure);
    if (insecure) {
      PrintWriter err = err();
      err.println(INSECURE_WARNING);
      err.flush();
    }
    return RegistryClient.builder()
        .credentials(CredentialProvider.chain(providers.toArray(new CredentialProvider[0])))
        .plainHttpEverywhere(plainHttp)
        .tls(tls)
        .proxies(EnvironmentProxies.fromEnvironment())
        .timeouts(timeouts)
        .build();
  }

  /** The command's stderr (the mixin may sit inside {@link RegistryFlags}). */
  private PrintWriter err() {
    if (mixee != null && mixee.commandLine() != null) {
      return mixee.commandLine().getErr();
    }
    if (errOverride != null) {
      return errOverride;
    }
    return new PrintWriter(System.err, true);
  }

  /** Set by {@link RegistryFlags}, whose own command knows the stderr of this run. */
  PrintWriter errOverride;

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
