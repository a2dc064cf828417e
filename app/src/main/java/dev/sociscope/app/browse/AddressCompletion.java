package dev.sociscope.app.browse;

import dev.sociscope.app.settings.SavedRegistry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What the address field offers while the user types: known registries, repositories and tags, as references. */
final class AddressCompletion {
  static final int MAX = 12;

  private AddressCompletion() {}

  /**
   * @param host {@code host[:port]} of the connected registry, or the location of the image on disk that is open
   *     ({@code oci:DIR}), or null when none is open
   * @param repositories the loaded repositories of that registry
   * @param repository the selected repository, or empty
   * @param tags its loaded tags
   * @return references that start with {@code typed}, then those that contain it; at most {@link #MAX}
   */
  static List<String> complete(String typed, List<SavedRegistry> saved, String host, List<String> repositories,
      String repository, List<String> tags) {
    Set<String> candidates = new LinkedHashSet<>();
    if (host != null && host.contains(":/")) {
      tags.forEach(t -> candidates.add(host + ":" + t)); // an image on disk: its tags
    } else if (host != null) {
      if (!repository.isEmpty()) {
        tags.forEach(t -> candidates.add(host + "/" + repository + ":" + t));
      }
      repositories.forEach(r -> candidates.add(host + "/" + r));
    }
    for (SavedRegistry s : saved) {
      if (!AddressTarget.isLocal(s)) {
        candidates.add(AddressTarget.hostOf(s) + "/");
      } else if (!s.url().startsWith("archive:")) { // the old "archive:" form is no reference the CLI takes
        candidates.add(s.url());
      }
    }
    candidates.remove("/");
    String t = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
    List<String> starts = new ArrayList<>();
    List<String> contains = new ArrayList<>();
    for (String c : candidates) {
      String lower = c.toLowerCase(Locale.ROOT);
      if (lower.equals(t)) {
        continue;
      }
      if (lower.startsWith(t)) {
        starts.add(c);
      } else if (lower.contains(t)) {
        contains.add(c);
      }
    }
    starts.addAll(contains);
    return List.copyOf(starts.subList(0, Math.min(MAX, starts.size())));
  }
}
