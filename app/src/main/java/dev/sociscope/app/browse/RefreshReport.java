package dev.sociscope.app.browse;

import dev.sociscope.app.common.Messages;
import dev.sociscope.core.format.ShortDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The sentence a refresh ends with: which repositories and tags came or went, and whether the image changed. */
final class RefreshReport {
  private RefreshReport() {}

  /** What was shown before the refresh. */
  record Before(List<String> repositories, String repository, List<String> tags, String tag, String digest) {}

  static String describe(Before before, List<String> repositories, List<String> tags, String digest) {
    List<String> parts = new ArrayList<>();
    parts.add(changes("refresh.repositories", before.repositories(), repositories));
    if (!before.repository().isEmpty()) {
      parts.add(changes("refresh.tags", before.tags(), tags));
    }
    if (before.digest() != null) {
      String image = before.repository() + (before.tag().startsWith("sha256:") ? "@" : ":") + before.tag();
      if (digest == null) {
        parts.add(Messages.get("refresh.image.gone", image));
      } else if (digest.equals(before.digest())) {
        parts.add(Messages.get("refresh.image.same", image));
      } else {
        parts.add(Messages.get("refresh.image.changed", image, ShortDigest.of(digest)));
      }
    }
    return Messages.get("refresh.done", String.join("; ", parts));
  }

  private static String changes(String key, List<String> before, List<String> after) {
    Set<String> was = new HashSet<>(before);
    Set<String> now = new HashSet<>(after);
    long added = after.stream().filter(n -> !was.contains(n)).count();
    long removed = before.stream().filter(n -> !now.contains(n)).count();
    return Messages.get(key, added, removed);
  }
}
