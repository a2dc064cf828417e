/**
 * Images wherever they are: {@link dev.sociscope.core.image.ImageLocation} ({@code docker://}, {@code oci:},
 * {@code oci-archive:}, {@code docker-archive:}), the {@link dev.sociscope.core.image.ImageSource} and
 * {@link dev.sociscope.core.image.ImageTarget} abstractions over registries and disk, and
 * {@link dev.sociscope.core.workflow.ImageCopier}, which copies images byte for byte so digests never change.
 */
package dev.sociscope.core.image;
