package dev.sociscope.app.service;

import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.ZtocFormatException;

/** Turns zTOC bytes into the model; the app plugs in core's reader. */
@FunctionalInterface
public interface ZtocDecoder {
  Ztoc decode(byte[] bytes) throws ZtocFormatException;
}
