package dev.sociscope.core.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sociscope.core.error.CorruptInputException;
import dev.sociscope.core.error.SociscopeException;
import dev.sociscope.core.error.ErrorKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * Stores credentials where {@code docker login} stores them, so that they never land in sociscope's own settings:
 * the credential helper named for the host ({@code credHelpers}) or for all ({@code credsStore}), else the
 * {@code auths} entry of Docker's {@code config.json}, written atomically with mode 0600 and every other entry kept.
 */
public final class DockerLogin {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DockerLogin() {}

  /** Stores {@code username}/{@code secret} for {@code host} ({@code host[:port]}). */
  public static void store(DockerConfigCredentials docker, String host, String username, String secret)
      throws IOException {
    Path file = docker.configFile();
    ObjectNode config = JSON.createObjectNode();
    if (Files.isRegularFile(file)) {
      JsonNode read;
      try {
        read = JSON.readTree(file.toFile());
      } catch (IOException e) {
        throw new CorruptInputException("Cannot read Docker config " + file + ": not valid JSON", e);
      }
      if (read instanceof ObjectNode o) {
        config = o;
      }
    }
    String key = DockerConfigCredentials.isDockerHub(host) ? DockerConfigCredentials.DOCKER_HUB_KEY : host;
    String helper = config.path("credHelpers").path(host).asText("");
    if (helper.isEmpty()) {
      helper = config.path("credsStore").asText("");
    }
    if (!helper.isEmpty()) {
      storeWithHelper(helper, key, username, secret);
      return;
    }
    ObjectNode auths = config.has("auths") && config.get("auths").isObject() ? (ObjectNode) config.get("auths")
        : config.putObject("auths");
    auths.putObject(key).put("auth", Base64.getEncoder().encodeToString(
        (username + ":" + secret).getBytes(StandardCharsets.UTF_8)));
    writePrivately(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(config));
  }

  private static void storeWithHelper(String helper, String serverUrl, String username, String secret)
      throws IOException {
    String program = "docker-credential-" + helper;
    ObjectNode body = JSON.createObjectNode().put("ServerURL", serverUrl).put("Username", username)
        .put("Secret", secret);
    Process p;
    try {
      p = new ProcessBuilder(program, "store").redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new SociscopeException(ErrorKind.IO, "Docker's config names the credential helper " + program
          + ", but it is not installed");
    }
    try (OutputStream in = p.getOutputStream()) {
      in.write(JSON.writeValueAsBytes(body));
    }
    String out = new String(p.getInputStream().readNBytes(4096), StandardCharsets.UTF_8).strip();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new SociscopeException(ErrorKind.IO, program + " could not store the credentials for " + serverUrl
            + (out.isEmpty() || out.contains(secret) ? "" : ": " + out.lines().findFirst().orElse("")));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SociscopeException(ErrorKind.CANCELLED, "interrupted while storing credentials");
    }
  }

  private static void writePrivately(Path file, byte[] bytes) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".config.json-", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
