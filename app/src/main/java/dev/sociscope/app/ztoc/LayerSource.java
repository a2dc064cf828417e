package dev.sociscope.app.ztoc;

/**
 * Where the bytes of the layer blob a zTOC describes can be read from: a local file now, a registry blob later.
 *
 * @param description shown to the user (a path or a digest)
 */
public record LayerSource(String description, java.nio.file.Path file) {}
