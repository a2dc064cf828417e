package dev.sociscope.app.service;

import dev.sociscope.app.common.Progress;
import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.model.ZtocDocument;
import dev.sociscope.core.error.InvalidRequestException;
import dev.sociscope.core.extract.OutputTree;
import dev.sociscope.core.ztoc.EntryType;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Saves the selected files (folders with everything below them) into a folder, keeping their layer paths, through
 * core's {@link OutputTree}: every path stays inside the folder, no link inside it is followed, only regular files
 * are replaced, and each file gets its tar mode (setuid/setgid dropped). A file that cannot be written (a name the
 * file system refuses, a link or device in the way) is skipped and reported; the rest are still written.
 */
public final class SelectionSaver {
  private final FileContentService contents;

  /** What a save did; {@code refused} holds one line per skipped file: its path and why. */
  public record Summary(int saved, long bytes, List<String> refused) {
    public Summary {
      refused = List.copyOf(refused);
    }
  }

  public SelectionSaver(FileContentService contents) {
    this.contents = contents;
  }

  public Summary save(ZtocDocument doc, List<FileNode> selection, Path folder, Progress progress) throws Exception {
    OutputTree tree = new OutputTree(folder, false);
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
      FileNode source = f;
      if (f.type() == EntryType.HARDLINK) {
        source = doc.tree().resolve(f).filter(t -> t.type() == EntryType.REG).orElse(null);
        if (source == null) {
          refused.add(f.displayPath() + ": a hard link to a file that is not in this layer");
          continue;
        }
      }
      try {
        Path target = tree.prepare(f.path());
        contents.save(doc, source, target, Progress.NONE);
      } catch (InvalidRequestException | FileSystemException | InvalidPathException e) {
        refused.add(f.displayPath() + ": " + reason(e)); // this one only: the others are still worth writing
        continue;
      }
      saved++;
      bytes += source.size();
    }
    progress.update(files.size(), files.size());
    return new Summary(saved, bytes, refused);
  }

  private static String reason(Exception e) {
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason().toLowerCase(java.util.Locale.ROOT); // "file name too long", not the whole path again
    }
    return String.valueOf(e.getMessage());
  }

  /** The regular files and hard links at or below {@code n}, in tree order; a loop, not recursion (deep trees). */
  private static void collect(FileNode n, Set<FileNode> out) {
    Deque<FileNode> todo = new ArrayDeque<>();
    todo.push(n);
    while (!todo.isEmpty()) {
      FileNode cur = todo.pop();
      if (cur.type() == EntryType.REG || cur.type() == EntryType.HARDLINK) {
        out.add(cur);
      }
      List<FileNode> children = cur.children();
      for (int k = children.size() - 1; k >= 0; k--) {
        todo.push(children.get(k));
      }
    }
  }
}
