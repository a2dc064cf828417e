package dev.sociscope.core.image;

import java.nio.file.Path;

/**
 * Where an image is: a registry reference ({@code [docker://]host/repo:tag}), an OCI layout folder
 * ({@code oci:PATH[:TAG]}), an oci-archive ({@code oci-archive:FILE[:TAG]}) or a {@code docker save} archive
 * ({@code docker-archive:FILE}). As in skopeo, the text after the last {@code :} of a path is a tag when it
 * contains no {@code /}.
 */
public sealed interface ImageLocation {
  /** The tag or digest to ask the source for; null means "the only image there". */
  String reference();

  /** An image in a registry. */
  record Registry(ImageReference imageReference) implements ImageLocation {
    @Override
    public String reference() {
      return imageReference.manifestReference();
    }

    @Override
    public String toString() {
      return "docker://" + imageReference;
    }
  }

  /**
   * An image in a file or folder on this machine, picked by an optional tag or digest ({@code oci:DIR@sha256:...});
   * null means "the only image there".
   */
  sealed interface Local extends ImageLocation permits Layout, OciArchive, DockerArchive {
    /** The tag, or a digest ({@code sha256:...}), or null. */
    String tag();

    @Override
    default String reference() {
      return tag();
    }
  }

  /** An image in an OCI layout folder, selected by {@code org.opencontainers.image.ref.name}. */
  record Layout(Path dir, String tag) implements Local {
    @Override
    public String toString() {
      return describe("oci:", dir, tag);
    }
  }

  /** An image in an oci-archive tar. */
  record OciArchive(Path file, String tag) implements Local {
    @Override
    public String toString() {
      return describe("oci-archive:", file, tag);
    }
  }

  /** A {@code docker save} archive (legacy or Docker 25+ form). */
  record DockerArchive(Path file, String tag) implements Local {
    @Override
    public String toString() {
      return describe("docker-archive:", file, tag);
    }
  }

  /** Whether {@code text} names an image on this machine ({@code oci:}, {@code oci-archive:}, {@code docker-archive:}). */
  static boolean isLocal(String text) {
    String t = text == null ? "" : text.trim();
    return t.startsWith("oci:") || t.startsWith("oci-archive:") || t.startsWith("docker-archive:");
  }

  /** The same place with another tag or digest ({@code sha256:...}); null or empty for "the only image there". */
  static ImageLocation withReference(ImageLocation location, String reference) {
    String ref = reference == null || reference.isEmpty() ? null : reference;
    if (location instanceof Registry r) {
      ImageReference base = r.imageReference();
      return new Registry(ref == null ? base : ref.startsWith("sha256:")
          ? base.withDigest(dev.sociscope.core.oci.Digest.parse(ref)) : base.withTag(ref));
    }
    if (location instanceof Layout l) {
      return new Layout(l.dir(), ref);
    }
    if (location instanceof OciArchive a) {
      return new OciArchive(a.file(), ref);
    }
    return new DockerArchive(((DockerArchive) location).file(), ref);
  }

  /** Parses a location; throws {@link InvalidReferenceException} naming the text when it is malformed. */
  static ImageLocation parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidReferenceException("empty image location");
    }
    String t = text.trim();
    for (String transport : new String[] {"oci:", "oci-archive:", "docker-archive:"}) {
      if (t.startsWith(transport)) {
        String[] pathAndTag = splitReference(t.substring(transport.length()), text);
        Path path = Path.of(pathAndTag[0]);
        String tag = pathAndTag[1];
        switch (transport) {
          case "oci:": return new Layout(path, tag);
          case "oci-archive:": return new OciArchive(path, tag);
          default: return new DockerArchive(path, tag);
        }
      }
    }
    if (t.startsWith("docker://")) {
      t = t.substring("docker://".length());
    }
    if (t.startsWith("/") || t.startsWith("./") || t.startsWith("../")) {
      throw new InvalidReferenceException("'" + text + "' is a path, not an image reference"
          + " (use oci:PATH[:TAG], oci-archive:FILE[:TAG] or docker-archive:FILE)");
    }
    int scheme = t.indexOf("://");
    if (scheme >= 0) {
      throw new InvalidReferenceException("unknown transport in '" + text
          + "' (use docker://, oci:, oci-archive: or docker-archive:)");
    }
    return new Registry(ImageReference.parse(t));
  }

  private static String describe(String transport, Path path, String tag) {
    return transport + path + (tag == null ? "" : (tag.startsWith("sha256:") ? "@" : ":") + tag);
  }

  /** {@code PATH[:TAG]} or {@code PATH@sha256:HEX}. */
  private static String[] splitReference(String rest, String text) {
    if (rest.isEmpty()) {
      throw new InvalidReferenceException("missing path in '" + text + "'");
    }
    int at = rest.lastIndexOf("@sha256:");
    if (at > 0) {
      String digest = rest.substring(at + 1);
      if (!digest.matches("sha256:[0-9a-f]{64}")) {
        throw new InvalidReferenceException("'" + digest + "' in '" + text + "' is not a sha256 digest");
      }
      return new String[] {rest.substring(0, at), digest};
    }
    int colon = rest.lastIndexOf(':');
    if (colon > 0 && colon < rest.length() - 1 && rest.indexOf('/', colon) < 0) {
      return new String[] {rest.substring(0, colon), rest.substring(colon + 1)};
    }
    if (colon == rest.length() - 1) {
      return new String[] {rest.substring(0, colon), null};
    }
    return new String[] {rest, null};
  }
}
