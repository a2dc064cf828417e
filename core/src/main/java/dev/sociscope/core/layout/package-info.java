/**
 * Images on disk (spec 8): OCI image layout folders (read and written atomically by
 * {@link dev.sociscope.core.layout.OciLayout}), oci-archives and {@code docker save} archives read in place from
 * tar member offsets by {@link dev.sociscope.core.layout.LocalImageSource}.
 */
package dev.sociscope.core.layout;
