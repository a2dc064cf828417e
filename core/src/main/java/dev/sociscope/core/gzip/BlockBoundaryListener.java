package dev.sociscope.core.gzip;

import java.io.IOException;

/** Told about every block boundary while inflating; may copy the window from the inflater at that moment. */
@FunctionalInterface
public interface BlockBoundaryListener {
  void onBoundary(GzipInflater inflater, BlockBoundary boundary) throws IOException;
}
