/**
 * sociscope's typed errors: one root ({@link dev.sociscope.core.error.SociscopeException}) with an
 * {@link dev.sociscope.core.error.ErrorKind}, shared by every store (registry, layout, archive) and every format
 * reader, so a file on disk is never reported as a registry failure and the faces word errors by kind.
 */
package dev.sociscope.core.error;
