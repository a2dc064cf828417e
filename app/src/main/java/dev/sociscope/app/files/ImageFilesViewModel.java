package dev.sociscope.app.files;

import dev.sociscope.core.format.ShortDigest;
import dev.sociscope.core.format.ByteSize;
import dev.sociscope.app.common.DialogService;
import dev.sociscope.app.common.Messages;
import dev.sociscope.app.common.Progress;
import dev.sociscope.app.common.TaskRunner;
import dev.sociscope.app.common.UserError;
import dev.sociscope.app.preview.WindowedPreview;
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
import dev.sociscope.app.ztoc.NameFilter;
import dev.sociscope.app.ztoc.TreeFilter;
import dev.sociscope.app.ztoc.TreeState;
import dev.sociscope.app.ztoc.TreeState.TreeStatus;
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
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The image's file system from its zTOCs alone: merged across layers (whiteouts applied) or one layer's tree, its
 * name/glob filter, and lazy preview/save of a file with a live counter and what reading it cost (from
 * {@link ReadStats}). A preview reads its first window of bytes and more on request, never the whole file. Layers
 * without a zTOC are left out until the user asks to stream them; the note says what that costs.
 */
public final class ImageFilesViewModel {
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
  private final ReadOnlyBooleanWrapper previewShown = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyObjectWrapper<FileNode> previewed = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<ReadStats> lastPreviewStats = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyObjectWrapper<TreeStatus> status = new ReadOnlyObjectWrapper<>(TreeStatus.NOTHING);
  private final StringProperty selectedPath = new SimpleStringProperty(this, "selectedPath");
  private final ReadOnlyObjectWrapper<FileNode> reselect = new ReadOnlyObjectWrapper<>();
  /** What the last listing found, for {@link #updateStatus}: null while loading or after a failure. */
  private Built built;
  private String failure;
  /** The path and filter to show again after a reload (Refresh); null when none is pending. */
  private String keepPath;
  private String keepFilter;
  /** The digest of the layer shown before the reload (the "Show" choice), or null for the merged image. */
  private String keepLayer;
  /** What a reload changed about the "Show" choice, said after the summary until another view is chosen. */
  private String viewNotice = "";
  private final ReadOnlyIntegerWrapper shownView = new ReadOnlyIntegerWrapper(0);
  private boolean stale;
  private final TreeFilter filter;
  /** The previewed file's bytes read so far, in windows, and their lines. */
  private final WindowedPreview<ReadStats> window;
  /** The file last saved and where, kept in the status line while that file is previewed. */
  private FileNode savedNode;
  private String savedNote = "";

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
    this.window = new WindowedPreview<>(tasks, previewLines);
    this.filter = new TreeFilter(tasks, true, this::filterFailed);
    filter.resultProperty().addListener((o, a, b) -> updateStatus());
    loading.addListener((o, a, b) -> updateStatus());
  }

  /** Loading, listed, empty, without zTOC, filtered to nothing or failed, with the words the tree shows for it. */
  public ReadOnlyObjectProperty<TreeStatus> statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** The selected tree path (the view writes it), kept over a {@link #reloadKeepingSelection reload}. */
  public StringProperty selectedPathProperty() {
    return selectedPath;
  }

  /** The node to select again after a reload, when its path is still in the new tree; null otherwise. */
  public ReadOnlyObjectProperty<FileNode> reselectProperty() {
    return reselect.getReadOnlyProperty();
  }

  /**
   * Marks the shown files as outdated (Refresh): the next {@link #load} reads them again even for the same image,
   * keeps the filter and the "Show" choice (the same layer, found by its digest, where it is still in the image;
   * else the merged image, and the summary says so), and selects the same path again where it still exists.
   */
  public void reloadKeepingSelection() {
    if (image != null) {
      keepPath = selectedPath.get();
      keepFilter = filter.textProperty().get();
      keepLayer = view > 0 ? image.layers().get(view - 1).digest() : null;
      stale = true;
    }
  }

  /** What "Show" shows: 0 for the merged image, {@code i} for layer {@code i - 1} (the index in {@link #views()}). */
  public ReadOnlyIntegerProperty shownViewProperty() {
    return shownView.getReadOnlyProperty();
  }

  /** The view to show after a reload: the layer with the digest shown before, when still in {@code details}. */
  private int keptView(ImageDetails details, String layerDigest) {
    if (layerDigest == null) {
      return 0;
    }
    for (int i = 0; i < details.layers().size(); i++) {
      ImageDetails.Layer l = details.layers().get(i);
      if (l.digest().equals(layerDigest)) {
        return i + 1;
      }
    }
    return 0;
  }

  private void updateStatus() {
    NameFilter.Result result = filter.resultProperty().get();
    TreeStatus now;
    if (loading.get()) {
      now = TreeStatus.of(TreeState.LOADING, "tree.state.loading");
    } else if (failure != null) {
      now = TreeStatus.of(TreeState.FAILED, "tree.state.failed", failure);
    } else if (built == null || tree.get() == null) {
      now = TreeStatus.NOTHING;
    } else if (built.entries() == 0 && built.unindexed() > 0 && !built.scanned()) {
      now = TreeStatus.of(TreeState.NOT_INDEXED, built.merged() ? "tree.state.notIndexedImage"
          : "tree.state.notIndexedLayer");
    } else if (built.entries() == 0) {
      now = TreeStatus.of(TreeState.EMPTY, built.merged() ? "tree.state.emptyImage" : "tree.empty");
    } else if (result != null && result.matchCount() == 0) {
      now = TreeStatus.of(TreeState.FILTERED_OUT, "tree.state.filteredOut", filter.textProperty().get().strip());
    } else {
      now = TreeStatus.shown();
    }
    status.set(now);
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

  /** Whether the preview pane is open (it opens with the first preview and closes on request). */
  public ReadOnlyBooleanProperty previewShownProperty() {
    return previewShown.getReadOnlyProperty();
  }

  /** The file the preview and the read status are about. */
  public ReadOnlyObjectProperty<FileNode> previewedProperty() {
    return previewed.getReadOnlyProperty();
  }

  /** Whether the previewed file has bytes not read yet (read when the user scrolls to the end). */
  public ReadOnlyBooleanProperty moreAvailableProperty() {
    return window.moreAvailableProperty();
  }

  /** What the last preview read cost (bytes fetched, spans), or null. */
  public ReadOnlyObjectProperty<ReadStats> lastPreviewStatsProperty() {
    return lastPreviewStats.getReadOnlyProperty();
  }

  /** The name or glob filter of the tree (the same syntax as the zTOC view's). */
  public StringProperty filterTextProperty() {
    return filter.textProperty();
  }

  /** The nodes the filtered tree shows, or null when no filter is set. */
  public ReadOnlyObjectProperty<NameFilter.Result> filterResultProperty() {
    return filter.resultProperty();
  }

  public ReadOnlyStringProperty filterSummaryProperty() {
    return filter.summaryProperty();
  }

  /**
   * Applies the filter to the shown tree off the FX thread (a newer call supersedes one still running). Matching
   * marks nodes only; the tree's items are created lazily as folders open, so a keystroke never rebuilds the tree.
   */
  public void applyFilter() {
    filter.apply(tree.get());
  }

  public void clearFilter() {
    filter.textProperty().set("");
    applyFilter();
  }

  /** A failed filter is said in the filter's summary, beside the field. */
  private void filterFailed(UserError error) {
    filter.showFailure(error);
  }

  /** Forgets the shown image (another image was chosen). */
  public void clear() {
    generation++;
    closePreview();
    filter.reset();
    image = null;
    files = null;
    zinfos = new HashMap<>();
    tree.set(null);
    built = null;
    failure = null;
    reselect.set(null);
    stale = false;
    updateStatus();
    views.clear();
    summary.set("");
    note.set("");
    canScan.set(false);
    readStatus.set("");
    previewLines.clear();
  }

  /** Whether {@code details} is already loaded (so switching tabs does not reload). */
  public boolean shows(ImageDetails details) {
    return image != null && !stale && image.equals(details);
  }

  /** Loads the merged tree of {@code details} from its zTOCs (off the FX thread). */
  public void load(RegistryConnection c, String repo, ImageDetails details) {
    String path = keepPath;
    String keptFilter = keepFilter;
    String layer = keepLayer;
    ImageDetails.Layer shownBefore = layer != null && image != null && view > 0 ? image.layers().get(view - 1) : null;
    keepPath = null;
    keepFilter = null;
    keepLayer = null;
    clear();
    if (keptFilter != null) {
      filter.textProperty().set(keptFilter);
    }
    pendingPath = path;
    connection = c;
    repository = repo;
    image = details;
    view = keptView(details, layer);
    viewNotice = "";
    if (shownBefore != null && view == 0) {
      viewNotice = Messages.get("image.files.layerGone", shownBefore.index(), ShortDigest.of(shownBefore.digest()));
    } else if (shownBefore != null && details.layers().get(view - 1).index() != shownBefore.index()) {
      viewNotice = Messages.get("image.files.layerMoved", shownBefore.index(),
          details.layers().get(view - 1).index());
    }
    scan = false;
    List<String> names = new ArrayList<>();
    names.add(Messages.get("image.files.merged", details.layers().size()));
    for (ImageDetails.Layer l : details.layers()) {
      names.add(Messages.get("image.files.layer", l.index(), ShortDigest.of(l.digest()), l.sociStatus()));
    }
    shownView.set(view);
    views.setAll(names);
    rebuild();
  }

  /** Shows the merged tree (0) or layer {@code index - 1}. */
  public void selectView(int index) {
    if (image == null || index < 0 || index == view) {
      return;
    }
    view = index;
    viewNotice = "";
    shownView.set(view);
    rebuild();
  }

  /** Lists the layers without a zTOC too, by streaming them (the note says how much). */
  public void scanUnindexed() {
    if (image != null && !scan) {
      scan = true;
      rebuild();
    }
  }

  private record Built(FileTree tree, int entries, int layersListed, int unindexed, long unindexedBytes,
      boolean merged, boolean scanned) {}

  /** The path to select once the reloaded tree is in. */
  private String pendingPath;

  private void rebuild() {
    long gen = ++generation;
    built = null;
    failure = null;
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
            unindexedBytes, shown == 0, scanning);
      }
    }, built -> {
      if (gen != generation) {
        return;
      }
      this.built = built;
      filter.forget(); // the old tree's matches must not meet the new tree
      tree.set(built.tree());
      loading.set(false);
      applyFilter(); // the same filter over the newly shown view
      String path = pendingPath;
      pendingPath = null;
      reselect.set(path == null ? null : built.tree().find(path).orElse(null));
      String listed = Messages.get("image.files.summary", ByteSize.exact(built.entries()), built.layersListed(),
          shown == 0 ? details.layers().size() : 1);
      summary.set(viewNotice.isEmpty() ? listed : listed + "  \u00b7  " + viewNotice);
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
        failure = error.summary();
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

  /**
   * Previews {@code node}: reads only its first {@link WindowedPreview#FIRST_WINDOW} bytes (the spans holding them,
   * not every span of the file) and shows them as text or hex, with what the read cost; {@link #loadMore} reads the
   * next bytes when the user scrolls to the end. Opens the preview pane; a newer preview supersedes one still reading.
   */
  public void preview(FileNode node) {
    if (!readable(node)) {
      return;
    }
    previewShown.set(true);
    previewed.set(node);
    previewLines.setAll(Messages.get("preview.loading", node.displayPath()));
    RegistryConnection c = connection;
    String repo = repository;
    ImageDetails details = image;
    window.open(Messages.get("task.imageFiles.preview", node.displayPath()), node.size(), (from, length, p) -> {
      ImageFiles f = imageFiles(c, repo, details, p);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ReadStats stats;
      try (OutputStream out = new Counting(bytes, done -> p.checkCancelled())) {
        stats = ImageFileReader.readRange(f, node.path(), from, length, out);
      }
      p.transferred(stats.bytesFetched());
      return new WindowedPreview.Window<>(bytes.toByteArray(), stats.fileSize(), stats);
    }, new WindowedPreview.Listener<>() {
      @Override
      public void shown(WindowedPreview.Window<ReadStats> w) {
        lastPreviewStats.set(w.cost());
        readStatus.set(describe(w.cost()) + window.shownSuffix() + (savedNode == node ? savedNote : ""));
      }

      @Override
      public void failed(UserError error, boolean firstWindow) {
        readStatus.set(error.summary());
        previewLines.setAll(error.summary());
      }
    });
  }

  /** Reads and shows the next {@link WindowedPreview#NEXT_WINDOW} bytes of the previewed file (scrolled to the end). */
  public void loadMore() {
    window.loadMore();
  }

  /** Hides the preview pane and forgets what it showed. */
  public void closePreview() {
    window.close();
    previewShown.set(false);
    previewed.set(null);
    previewLines.clear();
    readStatus.set("");
  }

  /** Asks where to save {@code node}, then reads it lazily into that file. */
  public void saveWithDialog(FileNode node) {
    if (readable(node)) {
      dialogs.chooseSaveFile(node.name()).ifPresent(target -> save(node, target));
    }
  }

  /**
   * Saves {@code node} to {@code target} (written to a temp file next to it, then moved). The preview follows: it
   * never shows another file's bytes under this file's status line.
   */
  public void save(FileNode node, Path target) {
    if (!readable(node)) {
      return;
    }
    if (previewed.get() != node) {
      window.close();
      previewed.set(node);
      previewLines.clear();
    }
    read(node, Messages.get("task.imageFiles.save", node.displayPath(), String.valueOf(target.getFileName())),
        stats -> {
          savedNode = node;
          savedNote = "  \u00b7  " + Messages.get("preview.saved", target);
          readStatus.set(readStatus.get() + savedNote);
          if (previewShown.get() && previewed.get() == node && previewLines.isEmpty()) {
            preview(node); // its status line keeps the "Saved to" note
          }
        }, target);
  }

  private boolean readable(FileNode node) {
    return image != null && node != null && node.entry() != null
        && (node.type() == EntryType.REG || node.type() == EntryType.SYMLINK || node.type() == EntryType.HARDLINK);
  }

  private void read(FileNode node, String title, java.util.function.Consumer<ReadStats> then, Path target) {
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
      java.util.function.UnaryOperator<OutputStream> counting = sink -> new Counting(sink, done -> {
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
      ReadStats stats = ImageFileReader.save(f, node.path(), target, counting);
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


  /** Counts bytes written and reports every 64 KiB (progress, cancel checks). */
  private static final class Counting extends OutputStream {
    private final OutputStream sink;
    private final java.util.function.LongConsumer progress;
    private long count;
    private long lastReported;

    Counting(OutputStream sink, java.util.function.LongConsumer progress) {
      this.sink = sink;
      this.progress = progress;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      sink.write(b, off, len);
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
