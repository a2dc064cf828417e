package dev.sociscope.app.service;

import dev.sociscope.app.common.Progress;
import dev.sociscope.app.model.ZtocDocument;
import java.nio.file.Path;
import java.util.Optional;

/** Opens zTOCs for the views. Blocking; the caller runs it through a task runner. */
public interface ZtocService {

  /** Reads and decodes {@code ztoc}; {@code layer} is the blob it describes, for previews, when known. */
  ZtocDocument open(Path ztoc, Optional<Path> layer, Progress progress) throws Exception;

  /** The bundled demo layer and its zTOC. */
  ZtocDocument openDemo(Progress progress) throws Exception;

  /** A layer file that probably belongs to {@code ztoc}, found next to it, or empty. */
  Optional<Path> findLayerFor(Path ztoc);
}
