package dev.sociscope.core.tar;

import java.util.ArrayDeque;
import java.util.Deque;

/** Paths of files inside an image, compared the way upstream compares them. */
public final class TarPaths {
  private TarPaths() {}

  /**
   * Go's {@code strings.TrimPrefix(path.Clean("/" + p), "/")}: {@code /etc/passwd}, {@code etc/passwd},
   * {@code ./etc/passwd} and {@code etc//passwd/} are all {@code etc/passwd}. {@code ..} is resolved lexically and
   * cannot climb above the root, so the result never names anything outside the image.
   */
  public static String normalize(String path) {
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }
}
