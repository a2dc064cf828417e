package dev.sociscope.core.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the OCI JSON documents modelled in this package.
 *
 * <p>Reading is lenient like Go's {@code json.Unmarshal} into the {@code ocispec} types (unknown members are kept
 * aside, {@code null} means absent, invalid UTF-8 becomes U+FFFD) but strict about types: a wrong type, a
 * non-integer size, a bad digest or trailing garbage raise {@link OciFormatException} naming the member, e.g.
 * {@code "image manifest: layers[1].digest: not a digest (expected sha256:<64 hex>): 'sha256:xyz'"}.
 *
 * <p>Writing reproduces Go's {@code json.Marshal} bytes (struct field order, omitempty, escaping); see
 * {@link GoJsonWriter}. Unknown members are never written, as in Go.
 */
public final class OciJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final Set<String> DESCRIPTOR_FIELDS =
      Set.of("mediaType", "digest", "size", "urls", "annotations", "data", "platform", "artifactType");
  private static final Set<String> MANIFEST_FIELDS =
      Set.of("schemaVersion", "mediaType", "artifactType", "config", "layers", "subject", "annotations");
  private static final Set<String> INDEX_FIELDS =
      Set.of("schemaVersion", "mediaType", "artifactType", "manifests", "subject", "annotations");

  private OciJson() {}

  // ---------------------------------------------------------------- reading

  /**
   * Parses bytes into a JSON object tree, decoding UTF-8 as Go does.
   *
   * @param what names the document in error messages, e.g. {@code "image manifest"}
   */
  public static JsonNode readObject(byte[] bytes, String what) throws OciFormatException {
    if (bytes == null || bytes.length == 0) {
      throw new OciFormatException(what + ": empty document");
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(GoUtf8.fixSurrogateEscapes(GoUtf8.decode(bytes)));
    } catch (JsonProcessingException e) {
      throw new OciFormatException(what + ": not valid JSON: " + parserMessage(e.getOriginalMessage()), e);
    } catch (RuntimeException e) {
      // Jackson reports a few limits (nesting depth, number length) as unchecked exceptions.
      throw new OciFormatException(what + ": not valid JSON: " + parserMessage(e.getMessage()), e);
    }
    if (tree == null || tree.isMissingNode()) {
      throw new OciFormatException(what + ": empty document");
    }
    if (!tree.isObject()) {
      throw new OciFormatException(what + ": expected a JSON object, got " + kind(tree));
    }
    return tree;
  }

  /** Jackson's wording without the name of the setting behind a limit ({@code , from `StreamReadConstraints...`}). */
  private static String parserMessage(String message) {
    return message == null ? "unreadable input" : message.replaceAll(", from `[^`]*`", "");
  }

  public static ImageManifest parseManifest(byte[] bytes) throws OciFormatException {
    return manifestFrom(readObject(bytes, "image manifest"), "image manifest");
  }

  public static ImageIndex parseIndex(byte[] bytes) throws OciFormatException {
    return indexFrom(readObject(bytes, "image index"), "image index");
  }

  public static Descriptor parseDescriptor(byte[] bytes) throws OciFormatException {
    return descriptorFrom(readObject(bytes, "descriptor"), "descriptor");
  }

  /** The platform recorded in an image config ({@code architecture}, {@code os}, {@code variant}, ...). */
  public static Platform parseConfigPlatform(byte[] configBytes) throws OciFormatException {
    return platformFrom(readObject(configBytes, "image config"), "image config");
  }

  /** A manifest from an already parsed tree; {@code where} prefixes error messages. */
  public static ImageManifest manifestFrom(JsonNode node, String where) throws OciFormatException {
    requireObject(node, where);
    JsonNode config = node.get("config");
    if (config == null || config.isNull()) {
      throw new OciFormatException(where + ": config: missing");
    }
    return new ImageManifest(
        integer(node, "schemaVersion", where + ":"),
        string(node, "mediaType", where + ":"),
        string(node, "artifactType", where + ":"),
        descriptorFrom(config, where + ": config"),
        descriptors(node, "layers", where),
        optionalDescriptor(node, "subject", where),
        stringMap(node, "annotations", where + ":"),
        unknown(node, MANIFEST_FIELDS));
  }

  /** An index from an already parsed tree; {@code where} prefixes error messages. */
  public static ImageIndex indexFrom(JsonNode node, String where) throws OciFormatException {
    requireObject(node, where);
    return new ImageIndex(
        integer(node, "schemaVersion", where + ":"),
        string(node, "mediaType", where + ":"),
        string(node, "artifactType", where + ":"),
        descriptors(node, "manifests", where),
        optionalDescriptor(node, "subject", where),
        stringMap(node, "annotations", where + ":"),
        unknown(node, INDEX_FIELDS));
  }

  /** A descriptor from an already parsed tree; {@code where} names it in error messages. */
  public static Descriptor descriptorFrom(JsonNode node, String where) throws OciFormatException {
    requireObject(node, where);
    JsonNode digestNode = node.get("digest");
    if (digestNode == null || digestNode.isNull()) {
      throw new OciFormatException(where + ".digest: missing");
    }
    if (!digestNode.isTextual()) {
      throw new OciFormatException(where + ".digest: expected a string, got " + kind(digestNode));
    }
    Digest digest;
    try {
      digest = Digest.parse(digestNode.textValue());
    } catch (IllegalArgumentException e) {
      throw new OciFormatException(where + ".digest: " + e.getMessage(), e);
    }
    long size = longValue(node, "size", where);
    if (size < 0) {
      throw new OciFormatException(where + ".size: negative (" + size + ")");
    }
    JsonNode platformNode = node.get("platform");
    Platform platform = platformNode == null || platformNode.isNull()
        ? null : platformFrom(platformNode, where + ".platform");
    return new Descriptor(
        string(node, "mediaType", where),
        digest,
        size,
        stringList(node, "urls", where),
        stringMap(node, "annotations", where),
        base64(node, "data", where),
        platform,
        string(node, "artifactType", where),
        unknown(node, DESCRIPTOR_FIELDS));
  }

  static Platform platformFrom(JsonNode node, String where) throws OciFormatException {
    requireObject(node, where);
    return new Platform(
        string(node, "architecture", where),
        string(node, "os", where),
        string(node, "os.version", where),
        stringList(node, "os.features", where),
        string(node, "variant", where));
  }

  // ---------------------------------------------------------------- writing

  /**
   * Go's bytes for an {@code ocispec.Manifest}:
   * {@code schemaVersion, mediaType?, artifactType?, config, layers, subject?, annotations?}.
   */
  public static byte[] write(ImageManifest manifest) {
    GoJsonWriter w = new GoJsonWriter().beginObject();
    w.name("schemaVersion").value(manifest.schemaVersion());
    if (!manifest.mediaType().isEmpty()) {
      w.name("mediaType").value(manifest.mediaType());
    }
    if (!manifest.artifactType().isEmpty()) {
      w.name("artifactType").value(manifest.artifactType());
    }
    w.name("config");
    writeDescriptor(w, manifest.config());
    w.name("layers");
    writeDescriptors(w, manifest.layers());
    if (manifest.subject() != null) {
      w.name("subject");
      writeDescriptor(w, manifest.subject());
    }
    if (!manifest.annotations().isEmpty()) {
      w.name("annotations").stringMap(manifest.annotations());
    }
    return w.endObject().toByteArray();
  }

  /**
   * Go's bytes for an {@code ocispec.Index}:
   * {@code schemaVersion, mediaType?, artifactType?, manifests, subject?, annotations?}.
   */
  public static byte[] write(ImageIndex index) {
    GoJsonWriter w = new GoJsonWriter().beginObject();
    w.name("schemaVersion").value(index.schemaVersion());
    if (!index.mediaType().isEmpty()) {
      w.name("mediaType").value(index.mediaType());
    }
    if (!index.artifactType().isEmpty()) {
      w.name("artifactType").value(index.artifactType());
    }
    w.name("manifests");
    writeDescriptors(w, index.manifests());
    if (index.subject() != null) {
      w.name("subject");
      writeDescriptor(w, index.subject());
    }
    if (!index.annotations().isEmpty()) {
      w.name("annotations").stringMap(index.annotations());
    }
    return w.endObject().toByteArray();
  }

  /** Go's bytes for one {@code ocispec.Descriptor}. */
  public static byte[] write(Descriptor descriptor) {
    GoJsonWriter w = new GoJsonWriter();
    writeDescriptor(w, descriptor);
    return w.toByteArray();
  }

  /** {@code mediaType, digest, size, urls?, annotations?, data?, platform?, artifactType?}. */
  public static void writeDescriptor(GoJsonWriter w, Descriptor d) {
    w.beginObject();
    w.name("mediaType").value(d.mediaType());
    w.name("digest").value(d.digest().toString());
    w.name("size").value(d.size());
    if (!d.urls().isEmpty()) {
      w.name("urls").stringArray(d.urls());
    }
    if (!d.annotations().isEmpty()) {
      w.name("annotations").stringMap(d.annotations());
    }
    if (!d.data().isEmpty()) {
      w.name("data").value(d.data());
    }
    if (d.platform() != null) {
      w.name("platform");
      writePlatform(w, d.platform());
    }
    if (!d.artifactType().isEmpty()) {
      w.name("artifactType").value(d.artifactType());
    }
    w.endObject();
  }

  /** {@code architecture, os, os.version?, os.features?, variant?}. */
  public static void writePlatform(GoJsonWriter w, Platform p) {
    w.beginObject();
    w.name("architecture").value(p.architecture());
    w.name("os").value(p.os());
    if (!p.osVersion().isEmpty()) {
      w.name("os.version").value(p.osVersion());
    }
    if (!p.osFeatures().isEmpty()) {
      w.name("os.features").stringArray(p.osFeatures());
    }
    if (!p.variant().isEmpty()) {
      w.name("variant").value(p.variant());
    }
    w.endObject();
  }

  private static void writeDescriptors(GoJsonWriter w, List<Descriptor> descriptors) {
    w.beginArray();
    for (Descriptor d : descriptors) {
      writeDescriptor(w, d);
    }
    w.endArray();
  }

  // ---------------------------------------------------------------- field helpers

  private static void requireObject(JsonNode node, String where) throws OciFormatException {
    if (node == null || !node.isObject()) {
      throw new OciFormatException(where + ": expected a JSON object, got " + kind(node));
    }
  }

  /** A string member; absent or null gives "". */
  private static String string(JsonNode node, String field, String where) throws OciFormatException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return "";
    }
    if (!v.isTextual()) {
      throw new OciFormatException(member(where, field) + ": expected a string, got " + kind(v));
    }
    return GoUtf8.replaceLoneSurrogates(v.textValue());
  }

  private static long longValue(JsonNode node, String field, String where) throws OciFormatException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new OciFormatException(member(where, field) + ": expected a 64-bit integer, got " + kind(v));
    }
    return v.longValue();
  }

  private static int integer(JsonNode node, String field, String where) throws OciFormatException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new OciFormatException(member(where, field) + ": expected an integer, got " + kind(v));
    }
    return v.intValue();
  }

  private static List<String> stringList(JsonNode node, String field, String where) throws OciFormatException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new OciFormatException(member(where, field) + ": expected an array, got " + kind(v));
    }
    List<String> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      if (item.isNull()) {
        out.add("");
      } else if (item.isTextual()) {
        out.add(GoUtf8.replaceLoneSurrogates(item.textValue()));
      } else {
        throw new OciFormatException(member(where, field) + "[" + i + "]: expected a string, got " + kind(item));
      }
    }
    return out;
  }

  /** A {@code map[string]string}; a null value becomes "" as in Go. */
  private static Map<String, String> stringMap(JsonNode node, String field, String where)
      throws OciFormatException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Map.of();
    }
    if (!v.isObject()) {
      throw new OciFormatException(member(where, field) + ": expected an object, got " + kind(v));
    }
    Map<String, String> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = v.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode value = e.getValue();
      String key = GoUtf8.replaceLoneSurrogates(e.getKey());
      if (value.isNull()) {
        out.put(key, "");
      } else if (value.isTextual()) {
        out.put(key, GoUtf8.replaceLoneSurrogates(value.textValue()));
      } else {
        throw new OciFormatException(
            member(where, field) + "[\"" + e.getKey() + "\"]: expected a string, got " + kind(value));
      }
    }
    return out;
  }

  /** Base64 data, returned in canonical form (Go decodes {@code []byte} and encodes it again). */
  private static String base64(JsonNode node, String field, String where) throws OciFormatException {
    String text = string(node, field, where);
    if (text.isEmpty()) {
      return "";
    }
    try {
      return Base64.getEncoder().encodeToString(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      throw new OciFormatException(member(where, field) + ": not base64: " + e.getMessage(), e);
    }
  }

  private static List<Descriptor> descriptors(JsonNode node, String field, String where)
      throws OciFormatException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new OciFormatException(where + ": " + field + ": expected an array, got " + kind(v));
    }
    List<Descriptor> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      out.add(descriptorFrom(v.get(i), where + ": " + field + "[" + i + "]"));
    }
    return out;
  }

  private static Descriptor optionalDescriptor(JsonNode node, String field, String where)
      throws OciFormatException {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : descriptorFrom(v, where + ": " + field);
  }

  private static Map<String, JsonNode> unknown(JsonNode node, Set<String> known) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!known.contains(e.getKey())) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  /** {@code where.field}, or {@code where: field} for top-level members ({@code where} ending in a colon). */
  private static String member(String where, String field) {
    return where.endsWith(":") ? where + " " + field : where + "." + field;
  }

  /** A short description of a JSON value for error messages, e.g. {@code string "12"}. */
  public static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    switch (node.getNodeType()) {
      case STRING:
        String text = node.textValue();
        return "string \"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\"";
      case NUMBER:
        return "number " + node.asText();
      case BOOLEAN:
        return "boolean " + node.asText();
      case ARRAY:
        return "an array";
      case OBJECT:
        return "an object";
      case NULL:
        return "null";
      default:
        return node.getNodeType().toString().toLowerCase();
    }
  }
}
