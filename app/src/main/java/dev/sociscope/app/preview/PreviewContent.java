package dev.sociscope.app.preview;

import java.util.List;

/**
 * A decoded preview, built off the FX thread.
 *
 * @param image a {@code javafx.scene.image.Image} for images, else null (kept as Object so tests need no toolkit)
 * @param shownBytes how many bytes the preview covers
 * @param truncated whether the file is longer than the preview
 */
public record PreviewContent(ContentSniffer.Kind kind, List<String> lines, Object image, long shownBytes,
    long fileSize, boolean truncated) {
  public PreviewContent {
    lines = List.copyOf(lines);
  }
}
