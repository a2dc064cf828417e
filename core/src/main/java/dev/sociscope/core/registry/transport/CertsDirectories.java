package dev.sociscope.core.registry.transport;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code certs.d} convention of Docker, podman and skopeo: for a registry {@code HOST[:PORT]}, the folder
 * {@code ROOT/HOST[:PORT]/} holds CA certificates ({@code *.crt}) and client certificates ({@code NAME.cert} with
 * {@code NAME.key}). The roots are {@code /etc/docker/certs.d} and {@code ~/.config/containers/certs.d}; the system
 * property {@value #ROOTS_PROPERTY} (a path list) replaces them, for tests and unusual set-ups.
 */
public record CertsDirectories(List<Path> roots) {
  public static final String ROOTS_PROPERTY = "sociscope.certs.d";

  public CertsDirectories {
    roots = List.copyOf(roots);
  }

  /** The standard roots, or those of {@value #ROOTS_PROPERTY}. */
  public static CertsDirectories standard() {
    return standard(System.getenv());
  }

  static CertsDirectories standard(Map<String, String> env) {
    String override = System.getProperty(ROOTS_PROPERTY);
    List<Path> roots = new ArrayList<>();
    if (override != null) {
      for (String p : override.split(File.pathSeparator)) {
        if (!p.isBlank()) {
          roots.add(Path.of(p));
        }
      }
      return new CertsDirectories(roots);
    }
    roots.add(Path.of("/etc/docker/certs.d"));
    String xdg = env.get("XDG_CONFIG_HOME");
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    if (xdg != null && !xdg.isBlank()) {
      roots.add(Path.of(xdg, "containers", "certs.d"));
    }
    if (home != null && !home.isBlank()) {
      Path p = Path.of(home, ".config", "containers", "certs.d");
      if (!roots.contains(p)) {
        roots.add(p);
      }
    }
    return new CertsDirectories(roots);
  }

  public static CertsDirectories none() {
    return new CertsDirectories(List.of());
  }

  /** What the folders hold for {@code hostKey} ({@code host} or {@code host:port}). */
  public HostCerts lookup(String hostKey) throws IOException {
    List<Path> cas = new ArrayList<>();
    List<HostCerts.ClientPair> clients = new ArrayList<>();
    for (Path root : roots) {
      Path dir = root.resolve(hostKey.replace('/', '_'));
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
        List<Path> sorted = new ArrayList<>();
        files.forEach(sorted::add);
        sorted.sort(null);
        for (Path f : sorted) {
          String name = f.getFileName().toString();
          if (name.endsWith(".crt")) {
            cas.add(f);
          } else if (name.endsWith(".cert")) {
            Path key = f.resolveSibling(name.substring(0, name.length() - ".cert".length()) + ".key");
            if (Files.isRegularFile(key)) {
              clients.add(new HostCerts.ClientPair(f, key));
            }
          }
        }
      }
    }
    return new HostCerts(cas, clients);
  }

  /** CA files and client certificate pairs found for one host. */
  public record HostCerts(List<Path> caFiles, List<ClientPair> clientPairs) {
    public HostCerts {
      caFiles = List.copyOf(caFiles);
      clientPairs = List.copyOf(clientPairs);
    }

    public boolean isEmpty() {
      return caFiles.isEmpty() && clientPairs.isEmpty();
    }

    /** A {@code NAME.cert} and its {@code NAME.key}. */
    public record ClientPair(Path certificate, Path key) {}
  }
}
