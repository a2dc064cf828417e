package dev.sociscope.core.image;

import dev.sociscope.core.oci.Digest;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An image in a registry: {@code [registry[:port]/]repository[:tag][@digest]}, normalised the way Docker does it.
 * The first path component is a registry host when it contains {@code .} or {@code :} or is {@code localhost};
 * otherwise the image is on Docker Hub ({@code docker.io}, single names get {@code library/}). Without tag and
 * digest the tag is {@code latest}.
 *
 * @param registry the registry as users write it ({@code docker.io}, {@code 127.0.0.1:5000}); see {@link #apiHost()}
 * @param repository the repository path ({@code library/ubuntu})
 * @param tag the tag, or null when only a digest was given
 * @param digest the digest, or null
 */
public record ImageReference(String registry, String repository, String tag, Digest digest) {
  public static final String DOCKER_HUB = "docker.io";
  public static final String DOCKER_HUB_API_HOST = "registry-1.docker.io";
  public static final String DEFAULT_TAG = "latest";

  private static final Pattern REPOSITORY =
      Pattern.compile("[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");
  private static final Pattern HOST =
      Pattern.compile("(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
          + "|\\[[0-9a-fA-F:.]+\\])(?::[0-9]{1,5})?");

  public ImageReference {
    Objects.requireNonNull(registry, "registry == null");
    Objects.requireNonNull(repository, "repository == null");
    if (!HOST.matcher(registry).matches()) {
      throw new InvalidReferenceException("invalid registry host '" + registry + "'");
    }
    if (repository.length() > 255 || !REPOSITORY.matcher(repository).matches()) {
      throw new InvalidReferenceException("invalid repository name '" + repository
          + "' (lowercase letters, digits and separators . _ __ - between path components)");
    }
    if (tag != null && !TAG.matcher(tag).matches()) {
      throw new InvalidReferenceException("invalid tag '" + tag + "' (up to 128 of [A-Za-z0-9_.-], not starting with . or -)");
    }
    if (tag == null && digest == null) {
      throw new InvalidReferenceException("a reference needs a tag or a digest: " + registry + "/" + repository);
    }
  }

  /** Parses and normalises a reference; throws {@link InvalidReferenceException} naming the bad text. */
  public static ImageReference parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidReferenceException("empty image reference");
    }
    String rest = text.trim();
    if (rest.startsWith("docker://")) {
      rest = rest.substring("docker://".length());
    }
    Digest digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      String digestText = rest.substring(at + 1);
      try {
        digest = Digest.parse(digestText);
      } catch (IllegalArgumentException e) {
        throw new InvalidReferenceException("invalid digest '" + digestText + "' in reference '" + text + "'");
      }
      rest = rest.substring(0, at);
    }
    String tag = null;
    int lastSlash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    if (colon > lastSlash) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    String registry = DOCKER_HUB;
    String repository = rest;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = first;
        repository = rest.substring(slash + 1);
      }
    }
    if (repository.isEmpty()) {
      throw new InvalidReferenceException("missing repository name in reference '" + text + "'");
    }
    registry = registry.toLowerCase(Locale.ROOT);
    if (registry.equals("index.docker.io") || registry.equals(DOCKER_HUB_API_HOST)) {
      registry = DOCKER_HUB;
    }
    if (registry.equals(DOCKER_HUB) && !repository.contains("/")) {
      repository = "library/" + repository;
    }
    if (tag == null && digest == null) {
      tag = DEFAULT_TAG;
    }
    return new ImageReference(registry, repository, tag, digest);
  }

  /** A reference to a repository on a registry, with the given tag. */
  public static ImageReference of(String registry, String repository, String tag) {
    return new ImageReference(registry, repository, tag, null);
  }

  /** The host (and port) the HTTP API lives on: Docker Hub's API host is {@code registry-1.docker.io}. */
  public String apiHost() {
    return registry.equals(DOCKER_HUB) ? DOCKER_HUB_API_HOST : registry;
  }

  /** What goes after {@code /manifests/}: the digest when present, else the tag. */
  public String manifestReference() {
    return digest != null ? digest.toString() : tag;
  }

  public ImageReference withTag(String newTag) {
    return new ImageReference(registry, repository, newTag, null);
  }

  public ImageReference withDigest(Digest newDigest) {
    return new ImageReference(registry, repository, null, newDigest);
  }

  public ImageReference withRepository(String newRepository) {
    return new ImageReference(registry, newRepository, tag, digest);
  }

  /** {@code registry/repository}, without tag or digest. */
  public String repositoryName() {
    return registry + "/" + repository;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(repositoryName());
    if (tag != null) {
      sb.append(':').append(tag);
    }
    if (digest != null) {
      sb.append('@').append(digest);
    }
    return sb.toString();
  }
}
