package dev.sociscope.app.model;

import java.util.List;

/**
 * What the wizard built and where discovery found it afterwards.
 *
 * @param indexDigests the SOCI indexes written (one per platform for v1; the SOCI-enabled image index for v2)
 * @param target where they were written ({@code host/repo:tag} or {@code oci:DIR:tag})
 * @param foundByDiscovery the indexes discovery finds on the target afterwards (the verification)
 */
public record CreateIndexResult(List<String> indexDigests, String target, List<String> foundByDiscovery) {
  public CreateIndexResult {
    indexDigests = List.copyOf(indexDigests);
    foundByDiscovery = List.copyOf(foundByDiscovery);
  }

  public boolean verified() {
    return foundByDiscovery.containsAll(indexDigests);
  }
}
