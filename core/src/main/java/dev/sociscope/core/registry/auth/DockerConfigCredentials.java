package dev.sociscope.core.registry.auth;

import dev.sociscope.core.error.ErrorKind;
import dev.sociscope.core.error.SociscopeException;
import dev.sociscope.core.error.CorruptInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Credentials from Docker's {@code config.json} ({@code $DOCKER_CONFIG/config.json}, else
 * {@code ~/.docker/config.json}). Lookup for host H: {@code credHelpers[H]}, else {@code credsStore}, else
 * {@code auths} (keys compared by host, ignoring scheme and path). Helpers are run as
 * {@code docker-credential-X get} with the server URL on stdin.
 */
public final class DockerConfigCredentials implements CredentialProvider {
  /** Docker Hub's key in {@code auths} and for helpers. */
  public static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long HELPER_TIMEOUT_SECONDS = 30;

  private final Path configFile;
  private final Map<String, String> environment;

  /** @param environment the environment used to find helpers on {@code PATH} and passed to them */
  public DockerConfigCredentials(Path configFile, Map<String, String> environment) {
    this.configFile = configFile;
    this.environment = Map.copyOf(environment);
  }

  /** Docker's default location for this process, honouring {@code DOCKER_CONFIG} and {@code HOME}. */
  public static DockerConfigCredentials fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  public static DockerConfigCredentials fromEnvironment(Map<String, String> env) {
    // $HOME, not Java's user.home (which ignores $HOME): see BaseDirectories
    return new DockerConfigCredentials(dev.sociscope.core.io.BaseDirectories.dockerConfig(env).resolve("config.json"),
        env);
  }

  public Path configFile() {
    return configFile;
  }

  @Override
  public Optional<Credentials> credentialsFor(String host) throws IOException {
    if (!Files.isRegularFile(configFile)) {
      return Optional.empty();
    }
    JsonNode config;
    try {
      config = JSON.readTree(configFile.toFile());
    } catch (IOException e) {
      throw new CorruptInputException("Cannot read Docker config " + configFile + ": not valid JSON", e);
    }
    String key = isDockerHub(host) ? DOCKER_HUB_KEY : host;
    String helper = text(config.path("credHelpers").get(hostKey(config.path("credHelpers"), host)));
    if (helper == null) {
      helper = text(config.get("credsStore"));
    }
    if (helper != null && !helper.isBlank()) {
      Optional<Credentials> fromHelper = runHelper(helper, key);
      if (fromHelper.isPresent()) {
        return fromHelper;
      }
    }
    JsonNode auths = config.path("auths");
    String authKey = hostKey(auths, host);
    return authKey == null ? Optional.empty() : fromAuthEntry(auths.get(authKey), host);
  }

  private static Optional<Credentials> fromAuthEntry(JsonNode entry, String host) throws SociscopeException {
    String registryToken = text(entry.get("registrytoken"));
    if (registryToken != null && !registryToken.isEmpty()) {
      return Optional.of(Credentials.registryToken(registryToken));
    }
    String username = text(entry.get("username"));
    String password = text(entry.get("password"));
    String auth = text(entry.get("auth"));
    if (auth != null && !auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new CorruptInputException("Docker config entry for " + host + " has an 'auth' value that is not base64");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw new CorruptInputException("Docker config entry for " + host + " has an 'auth' value without 'user:password'");
      }
      username = decoded.substring(0, colon);
      password = decoded.substring(colon + 1);
    }
    String identityToken = text(entry.get("identitytoken"));
    if (identityToken != null && !identityToken.isEmpty()) {
      return Optional.of(Credentials.identityToken(username, identityToken));
    }
    if (username != null && !username.isEmpty()) {
      return Optional.of(Credentials.basic(username, password));
    }
    return Optional.empty();
  }

  private Optional<Credentials> runHelper(String helper, String serverUrl) throws IOException {
    String program = "docker-credential-" + helper;
    Path executable = findOnPath(program);
    if (executable == null) {
      throw new SociscopeException(ErrorKind.IO, "Docker credential helper '" + program + "' (named in " + configFile
          + ") is not on PATH");
    }
    ProcessBuilder pb = new ProcessBuilder(executable.toString(), "get");
    pb.environment().clear();
    pb.environment().putAll(environment);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process process = pb.start();
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(serverUrl.getBytes(StandardCharsets.UTF_8));
    }
    byte[] out;
    try (InputStream stdout = process.getInputStream()) {
      out = stdout.readNBytes(1 << 20);
    }
    try {
      if (!process.waitFor(HELPER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new SociscopeException(ErrorKind.IO, "Docker credential helper " + program + " did not finish within "
            + HELPER_TIMEOUT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new SociscopeException(ErrorKind.IO, "Interrupted while waiting for " + program);
    }
    if (process.exitValue() != 0) {
      return Optional.empty(); // typically "credentials not found in native keychain"
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(out);
    } catch (IOException e) {
      throw new CorruptInputException("Docker credential helper " + program + " printed something that is not JSON");
    }
    String username = text(answer.get("Username"));
    String secret = text(answer.get("Secret"));
    if (secret == null || secret.isEmpty()) {
      return Optional.empty();
    }
    if ("<token>".equals(username)) {
      return Optional.of(Credentials.identityToken(null, secret));
    }
    return Optional.of(Credentials.basic(username, secret));
  }

  private Path findOnPath(String program) {
    String path = environment.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** The key of {@code map} whose host part equals the host (Docker Hub matches its aliases). */
  private static String hostKey(JsonNode map, String host) {
    if (map == null || !map.isObject()) {
      return null;
    }
    String wanted = isDockerHub(host) ? "index.docker.io" : host.toLowerCase(Locale.ROOT);
    for (Iterator<String> it = map.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      String keyHost = stripSchemeAndPath(key).toLowerCase(Locale.ROOT);
      if (isDockerHub(keyHost)) {
        keyHost = "index.docker.io";
      }
      if (keyHost.equals(wanted)) {
        return key;
      }
    }
    return null;
  }

  private static String stripSchemeAndPath(String key) {
    String s = key;
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      s = s.substring(scheme + 3);
    }
    int slash = s.indexOf('/');
    return slash >= 0 ? s.substring(0, slash) : s;
  }

  static boolean isDockerHub(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("docker.io") || h.equals("index.docker.io") || h.equals("registry-1.docker.io");
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }
}
