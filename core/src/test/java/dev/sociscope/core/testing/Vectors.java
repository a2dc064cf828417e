package dev.sociscope.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Locates the golden vectors copied into core's test resources ({@code vectors/}). */
public final class Vectors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Vectors() {}

  /** The vectors folder on disk. */
  public static Path root() {
    try {
      return Path.of(Vectors.class.getResource("/vectors/vectors.json").toURI()).getParent();
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("test resource vectors/vectors.json is missing", e);
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
