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

  /**
   * Bytes {@code [from, from + length)} of {@code file}'s content, cut at its end: only the spans holding them are
   * fetched (a partial last span stops at the window's end), so a preview shows its first screenful fast and reads
   * more from where it stopped.
   */
  ContentWindow read(ZtocDocument document, FileNode file, long from, int length, Progress progress)
      throws Exception;

  /** Writes the whole content to {@code target} atomically (temp file in the same folder, then move). */
  void save(ZtocDocument document, FileNode file, Path target, Progress progress) throws Exception;
}
