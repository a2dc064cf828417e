package dev.sociscope.app.service;

import dev.sociscope.app.common.Progress;
import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.model.ZtocDocument;
import dev.sociscope.core.ztoc.EntryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Saves the selected files (folders with everything below them) into a folder, keeping their layer paths. A path
 * that would land outside the folder ("..", absolute tricks) is refused, never written.
 */
public final class SelectionSaver {
  private final FileContentService contents;

  /** What a save did. */
  public record Summary(int saved, long bytes, List<String> refused) {
    public Summary {
      refused = List.copyOf(refused);
    }
  }

  public SelectionSaver(FileContentService contents) {
    this.contents = contents;
  }

  public Summary save(ZtocDocument doc, List<FileNode> selection, Path folder, Progress progress) throws Exception {
    Path root = folder.toAbsolutePath().normalize();
    Set<FileNode> files = new LinkedHashSet<>();
    for (FileNode n : selection) {
      collect(n, files);
    }
    List<String> refused = new ArrayList<>();
    int saved = 0;
    long bytes = 0;
    int i = 0;
    for (FileNode f : files) {
      progress.checkCancelled();
      progress.update(i++, files.size());
      Path target = root.resolve(f.path()).normalize();
      if (f.path().isEmpty() || !target.startsWith(root) || target.equals(root) || f.path().indexOf('\0') >= 0) {
        refused.add(f.displayPath());
        continue;
      }
      FileNode source = f;
      if (f.type() == EntryType.HARDLINK) {
        source = doc.tree().resolve(f).filter(t -> t.type() == EntryType.REG).orElse(null);
        if (source == null) {
          refused.add(f.displayPath());
          continue;
        }
      }
      Files.createDirectories(target.getParent());
      contents.save(doc, source, target, Progress.NONE);
      saved++;
      bytes += source.size();
    }
    progress.update(files.size(), files.size());
    return new Summary(saved, bytes, refused);
  }

  private static void collect(FileNode n, Set<FileNode> out) {
    if (n.type() == EntryType.REG || n.type() == EntryType.HARDLINK) {
      out.add(n);
    }
    for (FileNode c : n.children()) {
      collect(c, out);
    }
  }
}
