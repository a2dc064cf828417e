package dev.sociscope.core.image;

import dev.sociscope.core.oci.Digest;
import java.util.Optional;

/**
 * The outcome of a manifest write.
 *
 * @param digest the digest of the bytes written
 * @param ociSubject the {@code OCI-Subject} header: the registry indexed the manifest's subject for the referrers
 *     API; empty means the client must maintain the fallback tag itself
 */
public record PushedManifest(Digest digest, Optional<Digest> ociSubject) {}
