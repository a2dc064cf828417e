package dev.sociscope.app.ztoc;

/** One line of the details panel; {@code mono} for digests, offsets and modes. */
public record DetailRow(String name, String value, boolean mono) {}
