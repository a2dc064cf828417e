/**
 * The SOCI workflows end to end, behind one API for the GUI and the CLI: {@link
 * dev.sociscope.core.workflow.SociService}.
 *
 * <ul>
 *   <li>Discover ({@link dev.sociscope.core.workflow.SociDiscoverer}): v1 indexes through the referrers of each
 *       platform manifest (referrers API, else the {@code sha256-<hex>} fallback tag; a scan in layouts), v2 through
 *       the manifest's {@code com.amazon.soci.index-digest} and SOCI-enabled image indexes; per layer indexed or
 *       why not; images with the same content under other tags.</li>
 *   <li>Create ({@link dev.sociscope.core.workflow.SociCreator}): zTOCs streamed from the source, several layers at
 *       once, cached in {@link dev.sociscope.core.layout.ZtocCache}; push ({@link
 *       dev.sociscope.core.workflow.SociPusher}) with the fallback-tag merge.</li>
 *   <li>Convert ({@link dev.sociscope.core.workflow.SociConverter}): SOCI-enabled images to registries or
 *       layouts.</li>
 *   <li>Read ({@link dev.sociscope.core.files.ImageFiles}): the merged file tree from zTOCs, single files by
 *       range requests, with {@link dev.sociscope.core.files.ReadStats}.</li>
 *   <li>{@link dev.sociscope.core.workflow.DemoImage}: a deterministic demo layout for first starts.</li>
 * </ul>
 */
package dev.sociscope.core.workflow;
