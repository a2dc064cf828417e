package dev.sociscope.app.files;

import dev.sociscope.core.format.ShortDigest;
import dev.sociscope.core.format.ByteSize;
import dev.sociscope.app.common.DialogService;
import dev.sociscope.app.common.Messages;
import dev.sociscope.app.common.Progress;
import dev.sociscope.app.common.TaskRunner;
import dev.sociscope.app.preview.ContentSniffer;
import dev.sociscope.app.model.ImageDetails;
import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.service.ImageFileReader;
import dev.sociscope.app.service.RegistryService;
import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.model.FileTree;
import dev.sociscope.core.files.FileEntry;
import dev.sociscope.core.files.ImageFiles;
import dev.sociscope.core.files.ReadStats;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.Zinfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The image's file system from its zTOCs alone: merged across layers (whiteouts applied) or one layer's tree, and
 * lazy preview/save of a file with a live counter and what reading it cost (from {@link ReadStats}). Layers without a
 * zTOC are left out until the user asks to stream them; the note says what that costs.
 */
public final class ImageFilesViewModel {
  /** Bytes kept for a preview; the whole file is still read (and its cost reported). */
  static final int PREVIEW_LIMIT = 64 * 1024;

  private final RegistryService service;
  private final TaskRunner tasks;
  private final DialogService dialogs;

  private final ReadOnlyObjectWrapper<FileTree> tree = new ReadOnlyObjectWrapper<>();
  private final ObservableList<String> views = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper canScan = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper readStatus = new ReadOnlyStringWrapper("");
  private final ObservableList<String> previewLines = FXCollections.observableArrayList();
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);

  private RegistryConnection connection;
  private String repository;
  private ImageDetails image;
  private ImageFiles files;
  private Map<Integer, Zinfo> zinfos = new HashMap<>();
  private int view;
  private boolean scan;
  private long generation;

  private java.util.function.Consumer<java.util.List<String>> onAddToProfile = paths -> { };

  /** Where "Add to profile" sends paths: the image's Profile tab (wired by the image view). */
  public void setOnAddToProfile(java.util.function.Consumer<java.util.List<String>> target) {
    onAddToProfile = target;
  }

  /** Adds the files' paths ("/" + path) to the image's start-up profile. */
  public void addToProfile(java.util.List<FileNode> nodes) {
    java.util.List<String> paths = nodes.stream().filter(java.util.Objects::nonNull).map(FileNode::displayPath)
        .toList();
    if (!paths.isEmpty()) {
      onAddToProfile.accept(paths);
    }
  }

  public ImageFilesViewModel(RegistryService service, TaskRunner tasks, DialogService dialogs) {
    this.service = service;
    this.tasks = tasks;
    this.dialogs = dialogs;
  }

  public ReadOnlyObjectProperty<FileTree> treeProperty() {
    return tree.getReadOnlyProperty();
  }

  /** "Merged image", then one line per layer. */
  public ObservableList<String> views() {
    return views;
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  /** Which layers have no zTOC and what listing them by streaming would cost; empty when all are indexed. */
  public ReadOnlyStringProperty noteProperty() {
    return note.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canScanProperty() {
    return canScan.getReadOnlyProperty();
  }

  /** "Fetched X of Y" while reading, then what the read cost and saved. */
  public ReadOnlyStringProperty readStatusProperty() {
    return readStatus.getReadOnlyProperty();
  }

  /** The previewed file's first bytes as text lines or hex dump lines. */
  public ObservableList<String> previewLines() {
    return previewLines;
  }

  public ReadOnlyBooleanProperty loadingProperty() {
    return loading.getReadOnlyProperty();
  }

  /** Forgets the shown image (another image was chosen). */
  public void clear() {
    generation++;
    image = null;
    files = null;
    zinfos = new HashMap<>();
    tree.set(null);
    views.clear();
    summary.set("");
    note.set("");
    canScan.set(false);
    readStatus.set("");
    previewLines.clear();
  }

  /** Whether {@code details} is already loaded (so switching tabs does not reload). */
  public boolean shows(ImageDetails details) {
    return image != null && image.equals(details);
  }

  /** Loads the merged tree of {@code details} from its zTOCs (off the FX thread). */
  public void load(RegistryConnection c, String repo, ImageDetails details) {
    clear();
    connection = c;
    repository = repo;
    image = details;
    view = 0;
    scan = false;
    List<String> names = new ArrayList<>();
    names.add(Messages.get("image.files.merged", details.layers().size()));
    for (ImageDetails.Layer l : details.layers()) {
      names.add(Messages.get("image.files.layer", l.index(), ShortDigest.of(l.digest()), l.sociStatus()));
    }
    views.setAll(names);
    rebuild();
  }

  /** Shows the merged tree (0) or layer {@code index - 1}. */
  public void selectView(int index) {
    if (image == null || index < 0 || index == view) {
      return;
    }
    view = index;
    rebuild();
  }

  /** Lists the layers without a zTOC too, by streaming them (the note says how much). */
  public void scanUnindexed() {
    if (image != null && !scan) {
      scan = true;
      rebuild();
    }
  }

  private record Built(FileTree tree, int entries, int layersListed, int unindexed, long unindexedBytes) {}

  private void rebuild() {
    long gen = ++generation;
    loading.set(true);
    RegistryConnection c = connection;
    String repo = repository;
    ImageDetails details = image;
    int shown = view;
    boolean scanning = scan;
    tasks.run(Messages.get(scanning ? "task.imageFiles.scan" : "task.imageFiles", details.reference()), p -> {
      p.update(-1, -1);
      ImageFiles f = imageFiles(c, repo, details, p);
      synchronized (f) {
        TreeMap<String, FileEntry> entries;
        if (shown == 0) {
          entries = f.tree(scanning);
        } else {
          entries = f.layerTree(f.layers().get(shown - 1), scanning);
        }
        Map<Integer, Zinfo> z = new HashMap<>();
        int listed = 0;
        int unindexed = 0;
        long unindexedBytes = 0;
        for (ImageFiles.Layer l : f.layers()) {
          boolean relevant = shown == 0 || l.position() == shown - 1;
          if (l.indexed()) {
            z.put(l.position(), Zinfo.of(f.ztoc(l)));
            listed += relevant ? 1 : 0;
          } else if (relevant) {
            unindexed++;
            unindexedBytes += l.descriptor().size();
            listed += scanning ? 1 : 0;
          }
        }
        synchronized (this) {
          zinfos = z;
        }
        return new Built(FileTree.fromImage(entries.values(), z::get), entries.size(), listed, unindexed,
            unindexedBytes);
      }
    }, built -> {
      if (gen != generation) {
        return;
      }
      loading.set(false);
      tree.set(built.tree());
      summary.set(Messages.get("image.files.summary", ByteSize.exact(built.entries()), built.layersListed(),
          shown == 0 ? details.layers().size() : 1));
      if (built.unindexed() == 0) {
        note.set("");
        canScan.set(false);
      } else if (scanning) {
        note.set(Messages.get("image.files.scanned", built.unindexed(), ByteSize.human(built.unindexedBytes())));
        canScan.set(false);
      } else {
        note.set(Messages.get("image.files.unindexed", built.unindexed(), ByteSize.human(built.unindexedBytes())));
        canScan.set(true);
      }
    }, error -> {
      if (gen == generation) {
        loading.set(false);
        summary.set(error.summary());
        dialogs.showError(Messages.get("image.files.failed", details.reference()), error);
      }
    });
  }

  private ImageFiles imageFiles(RegistryConnection c, String repo, ImageDetails details, Progress p)
      throws Exception {
    synchronized (this) {
      if (files != null && details.equals(image)) {
        return files;
      }
    }
    ImageFiles f = service.files(c, repo, details, p);
    synchronized (this) {
      if (details.equals(image)) {
        files = f;
      }
    }
    return f;
  }

  /** Reads {@code node} lazily and shows its first bytes (text or hex) with what the read cost. */
  public void preview(FileNode node) {
    if (!readable(node)) {
      return;
    }
    String path = node.path();
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    read(node, Messages.get("task.imageFiles.preview", node.displayPath()), kept, PREVIEW_LIMIT, stats -> {
      byte[] bytes = kept.toByteArray();
      boolean truncated = bytes.length < stats.fileSize();
      ContentSniffer.Kind kind = ContentSniffer.sniff(bytes, truncated);
      List<String> lines = kind == ContentSniffer.Kind.UTF8 || kind == ContentSniffer.Kind.LATIN1
          ? ContentSniffer.lines(bytes, kind) : ContentSniffer.hexLines(bytes);
      previewLines.setAll(lines);
    });
    previewLines.setAll(Messages.get("preview.loading", path));
  }

  /** Asks where to save {@code node}, then reads it lazily into that file. */
  public void saveWithDialog(FileNode node) {
    if (readable(node)) {
      dialogs.chooseSaveFile(node.name()).ifPresent(target -> save(node, target));
    }
  }

  /** Saves {@code node} to {@code target} (written to a temp file next to it, then moved). */
  public void save(FileNode node, Path target) {
    if (!readable(node)) {
      return;
    }
    read(node, Messages.get("task.imageFiles.save", node.displayPath(), String.valueOf(target.getFileName())),
        null, 0, stats -> readStatus.set(readStatus.get() + "  \u00b7  " + Messages.get("preview.saved", target)),
        target);
  }

  private boolean readable(FileNode node) {
    return image != null && node != null && node.entry() != null
        && (node.type() == EntryType.REG || node.type() == EntryType.SYMLINK || node.type() == EntryType.HARDLINK);
  }

  private void read(FileNode node, String title, ByteArrayOutputStream kept, int limit,
      java.util.function.Consumer<ReadStats> then) {
    read(node, title, kept, limit, then, null);
  }

  private void read(FileNode node, String title, ByteArrayOutputStream kept, int limit,
      java.util.function.Consumer<ReadStats> then, Path target) {
    long gen = generation;
    RegistryConnection c = connection;
    String repo = repository;
    ImageDetails details = image;
    long size = node.size();
    readStatus.set(Messages.get("preview.fetched", ByteSize.human(0), ByteSize.human(size)));
    AtomicReference<String> latest = new AtomicReference<>("");
    AtomicBoolean scheduled = new AtomicBoolean();
    tasks.run(title, p -> {
      ImageFiles f = imageFiles(c, repo, details, p);
      java.util.function.UnaryOperator<OutputStream> counting = sink -> new Counting(sink, limit, done -> {
        p.update(done, size);
        p.checkCancelled();
        latest.set(Messages.get("preview.fetched", ByteSize.human(done), ByteSize.human(size)));
        if (scheduled.compareAndSet(false, true)) {
          Platform.runLater(() -> {
            scheduled.set(false);
            if (gen == generation) {
              readStatus.set(latest.get());
            }
          });
        }
      });
      ReadStats stats;
      if (target != null) {
        stats = ImageFileReader.save(f, node.path(), target, counting);
      } else {
        try (OutputStream out = counting.apply(kept)) {
          stats = ImageFileReader.read(f, node.path(), out);
        }
      }
      p.transferred(stats.bytesFetched());
      return stats;
    }, stats -> {
      if (gen == generation) {
        readStatus.set(describe(stats));
        then.accept(stats);
      }
    }, error -> {
      if (gen == generation) {
        readStatus.set(error.summary());
        previewLines.clear();
      }
      dialogs.showError(Messages.get("image.files.readFailed", node.displayPath()), error);
    });
  }

  /** "Fetched 1.0 MiB in 1 request (1 span) · saved 11.9 MiB of the 13.1 MiB layer" or the streaming cost. */
  static String describe(ReadStats s) {
    if (s.lazy()) {
      return Messages.get("image.files.readLazy", ByteSize.human(s.fileSize()), ByteSize.human(s.bytesFetched()),
          s.requests(), s.spans(), ByteSize.human(s.bytesSaved()), ByteSize.human(s.layerSize()));
    }
    return Messages.get("image.files.readStreamed", ByteSize.human(s.fileSize()), ByteSize.human(s.bytesFetched()),
        ByteSize.human(s.layerSize()));
  }


  /** Counts bytes written, keeping at most {@code limit} of them when the sink is a preview buffer. */
  private static final class Counting extends OutputStream {
    private final OutputStream sink;
    private final int limit;
    private final java.util.function.LongConsumer progress;
    private long count;
    private long lastReported;

    Counting(OutputStream sink, int limit, java.util.function.LongConsumer progress) {
      this.sink = sink;
      this.limit = limit;
      this.progress = progress;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (limit <= 0) {
        sink.write(b, off, len);
      } else if (count < limit) {
        sink.write(b, off, (int) Math.min(len, limit - count));
      }
      count += len;
      if (count - lastReported >= 64 * 1024) {
        lastReported = count;
        progress.accept(count);
      }
    }

    @Override
    public void close() throws IOException {
      progress.accept(count);
      sink.close();
    }
  }
}
