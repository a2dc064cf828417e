package dev.sociscope.app.service;

import dev.sociscope.app.common.Progress;
import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.model.ZtocDocument;
import java.nio.file.Path;

/**
 * Reads file contents out of a layer using its zTOC. Progress reports layer bytes fetched so far against the
 * bytes the file's spans need ("fetched X of Y").
 */
public interface FileContentService {

  /** The first {@code maxBytes} bytes of {@code file}'s content. */
  byte[] read(ZtocDocument document, FileNode file, int maxBytes, Progress progress) throws Exception;

  /** Writes the whole content to {@code target} atomically (temp file in the same folder, then move). */
  void save(ZtocDocument document, FileNode file, Path target, Progress progress) throws Exception;
}
