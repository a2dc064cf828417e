/**
 * The OCI distribution client (spec 7). {@link dev.sociscope.core.registry.RegistryClient} is the facade with one
 * call path (authentication, one retry after 401, bounded retries with backoff for 429/5xx and cut connections,
 * {@link dev.sociscope.core.io.Cancellation}); {@link dev.sociscope.core.registry.RemoteRepository} holds the
 * per-repository operations and is both an {@link dev.sociscope.core.image.ImageSource} and an
 * {@link dev.sociscope.core.image.ImageTarget}. Steps of the larger protocols have their own classes:
 * {@code BlobDownload} (streamed, verified, resumed with Range),
 * {@code BlobUploader} (HEAD, POST or mount, PUT or resumable PATCH), {@code ReferrersLister} (API, then the
 * {@code sha256-<hex>} tag). Failures are typed ({@link dev.sociscope.core.error.SociscopeException}); their messages say
 * what was tried on which reference and never contain credentials.
 */
package dev.sociscope.core.registry;
