package dev.sociscope.core.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sociscope.core.error.CorruptInputException;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.MediaType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The facts people look for in an image config, read leniently: a field that is missing or of another type is
 * empty. Null-free: absent text is {@code ""}.
 *
 * @param present whether the config is an image config at all (OCI or Docker); the other fields are empty if not
 * @param platform {@code os/architecture[/variant]}
 * @param envCount number of environment variables
 * @param historyCount number of history entries
 */
public record ImageConfigSummary(boolean present, String platform, String created, List<String> entrypoint,
    List<String> cmd, String workingDir, String user, int envCount, int historyCount) {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Configs are small; a larger one is not read (it would only be a hostile or broken one). */
  private static final long MAX_CONFIG_BYTES = 4L << 20;

  public ImageConfigSummary {
    entrypoint = List.copyOf(entrypoint);
    cmd = List.copyOf(cmd);
  }

  /** Reads the config the manifest names; a non-image config gives an empty summary. */
  public static ImageConfigSummary read(ImageSource source, Descriptor config) throws IOException {
    if (!MediaType.isConfig(config.mediaType())) {
      return new ImageConfigSummary(false, "", "", List.of(), List.of(), "", "", 0, 0);
    }
    if (config.size() > MAX_CONFIG_BYTES) {
      throw new CorruptInputException("image config " + config.digest() + " is " + config.size()
          + " bytes, more than the " + MAX_CONFIG_BYTES + " an image config may have here");
    }
    return parse(source.readBlob(config, BlobKind.CONFIG));
  }

  static ImageConfigSummary parse(byte[] bytes) throws CorruptInputException {
    JsonNode json;
    try {
      json = JSON.readTree(bytes);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new CorruptInputException("the image config is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new CorruptInputException("the image config is unreadable: " + e.getMessage(), e);
    }
    if (json == null || !json.isObject()) {
      throw new CorruptInputException("the image config is not a JSON object");
    }
    String os = json.path("os").asText("");
    String arch = json.path("architecture").asText("");
    String variant = json.path("variant").asText("");
    String platform = os.isEmpty() && arch.isEmpty() ? "" : os + "/" + arch + (variant.isEmpty() ? "" : "/" + variant);
    JsonNode config = json.path("config");
    return new ImageConfigSummary(true, platform, json.path("created").asText(""), strings(config.path("Entrypoint")),
        strings(config.path("Cmd")), config.path("WorkingDir").asText(""), config.path("User").asText(""),
        config.path("Env").isArray() ? config.path("Env").size() : 0,
        json.path("history").isArray() ? json.path("history").size() : 0);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array.isArray()) {
      array.forEach(n -> out.add(n.asText()));
    }
    return out;
  }
}
