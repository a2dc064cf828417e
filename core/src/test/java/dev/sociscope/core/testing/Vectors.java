package dev.sociscope.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Locates the golden vectors copied into core's test resources ({@code vectors/}). */
public final class Vectors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Vectors() {}

  private static Path root;

  /**
   * The vectors folder on disk. When the vectors come from core's test-jar (app tests under {@code mvn verify}),
   * they are copied out once to a temporary folder, since callers need real files.
   */
  public static synchronized Path root() {
    if (root == null) {
      root = locate();
    }
    return root;
  }

  private static Path locate() {
    URL url = Vectors.class.getResource("/vectors/vectors.json");
    if (url == null) {
      throw new IllegalStateException("test resource vectors/vectors.json is missing");
    }
    try {
      URI uri = url.toURI();
      if (!"jar".equals(uri.getScheme())) {
        return Path.of(uri).getParent();
      }
      try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
        Path target = Files.createTempDirectory("sociscope-vectors");
        copyTree(jar.getPath("/vectors"), target);
        return target;
      }
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot read the test vectors at " + url, e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
  }

  public static Path path(String relative) {
    return root().resolve(relative);
  }

  public static byte[] bytes(String relative) {
    try {
      return Files.readAllBytes(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode json(String relative) {
    try {
      return JSON.readTree(path(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The manifest {@code vectors.json}. */
  public static JsonNode manifest() {
    return json("vectors.json");
  }

  /** One record per golden zTOC: the layer it belongs to and the zTOC facts. */
  public record ZtocVector(String layerName, String layerFile, String mediaType, long spanSize, String ztocFile,
      String infoJson, String checkpointsJson, String verifyJson) {
    /** A short label for parameterized test names. */
    @Override
    public String toString() {
      return layerName + "@" + spanSize;
    }
  }

  /** Every (layer, span size) pair with a golden zTOC. */
  public static List<ZtocVector> ztocs() {
    List<ZtocVector> out = new ArrayList<>();
    for (JsonNode layer : manifest().get("layers")) {
      for (JsonNode z : layer.get("ztocs")) {
        out.add(new ZtocVector(layer.get("name").asText(), layer.get("file").asText(),
            layer.get("media_type").asText(), z.get("span_size").asLong(), z.get("file").asText(),
            z.get("info").asText(), z.get("checkpoints").asText(), z.get("verify").asText()));
      }
    }
    return out;
  }
}
