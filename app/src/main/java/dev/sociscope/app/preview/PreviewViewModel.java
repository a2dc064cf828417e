package dev.sociscope.app.preview;

import dev.sociscope.core.format.ByteSize;
import dev.sociscope.app.common.DialogService;
import dev.sociscope.app.common.Messages;
import dev.sociscope.app.common.Progress;
import dev.sociscope.app.common.TaskRunner;
import dev.sociscope.app.common.UserError;
import dev.sociscope.app.service.ContentWindow;
import dev.sociscope.app.service.FileContentService;
import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.model.ZtocDocument;
import dev.sociscope.app.ztoc.ZtocWorkspace;
import dev.sociscope.core.ztoc.EntryType;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Preview and save of the focused file: text with encoding detection, hex for binary, images. */
public final class PreviewViewModel {
  /**
   * Images up to this size are read whole and shown as pictures; larger files, and everything else, are read in
   * {@link WindowedPreview windows} as text or hex. "Save as" always writes the whole file.
   */
  public static final int IMAGE_LIMIT = 1 << 20;

  /** What the preview area shows. */
  public enum State { EMPTY, NOT_A_FILE, NO_LAYER, LOADING, TEXT, HEX, IMAGE, FAILED }

  private final ZtocWorkspace workspace;
  private final FileContentService content;
  private final TaskRunner tasks;
  private final DialogService dialogs;
  private final Function<byte[], Object> imageDecoder;

  private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.EMPTY);
  private final ObservableList<String> lines = FXCollections.observableArrayList();
  private final ReadOnlyObjectWrapper<Object> image = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyStringWrapper info = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper fetched = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(Messages.get("preview.empty"));
  private final ReadOnlyBooleanWrapper canSave = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyObjectWrapper<ContentWindow> lastWindow = new ReadOnlyObjectWrapper<>();
  /** The previewed file's bytes read so far, in windows, and their lines. */
  private final WindowedPreview<Cost> window;
  private long generation;

  /** @param imageDecoder turns image bytes into a JavaFX Image (off the FX thread); tests pass a fake */
  public PreviewViewModel(ZtocWorkspace workspace, FileContentService content, TaskRunner tasks,
      DialogService dialogs, Function<byte[], Object> imageDecoder) {
    this.workspace = workspace;
    this.content = content;
    this.tasks = tasks;
    this.dialogs = dialogs;
    this.imageDecoder = imageDecoder;
    this.window = new WindowedPreview<>(tasks, lines);
    workspace.focusedProperty().addListener((o, a, b) -> load());
    workspace.documentProperty().addListener((o, a, b) -> load());
  }

  /** Decodes images with JavaFX; used by the app. */
  public static Object decodeImage(byte[] bytes) {
    javafx.scene.image.Image img = new javafx.scene.image.Image(new ByteArrayInputStream(bytes));
    return img.isError() ? null : img;
  }

  public ReadOnlyObjectProperty<State> stateProperty() {
    return state.getReadOnlyProperty();
  }

  public ObservableList<String> lines() {
    return lines;
  }

  public ReadOnlyObjectProperty<Object> imageProperty() {
    return image.getReadOnlyProperty();
  }

  /** Kind, encoding and size of what is shown. */
  public ReadOnlyStringProperty infoProperty() {
    return info.getReadOnlyProperty();
  }

  /** "Fetched X of Y" while and after reading. */
  public ReadOnlyStringProperty fetchedProperty() {
    return fetched.getReadOnlyProperty();
  }

  /** What to say when there is no content to show. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty canSaveProperty() {
    return canSave.getReadOnlyProperty();
  }

  /** (Re)loads the preview of the focused entry, cancelling a load still running. */
  public void load() {
    long gen = ++generation;
    window.close();
    lines.clear();
    image.set(null);
    info.set("");
    fetched.set("");
    lastWindow.set(null);
    ZtocDocument doc = workspace.document();
    FileNode node = workspace.focusedProperty().get();
    canSave.set(false);
    if (doc == null || node == null) {
      show(State.EMPTY, Messages.get("preview.empty"));
      return;
    }
    FileNode source = contentSource(doc, node);
    if (source == null) {
      show(State.NOT_A_FILE, Messages.get("preview.notAFile", node.type().wireName()));
      return;
    }
    String via = source == node ? "" : Messages.get("preview.via", source.displayPath());
    if (doc.layer().isEmpty()) {
      show(State.NO_LAYER, Messages.get("preview.noLayer"));
      return;
    }
    canSave.set(true);
    show(State.LOADING, Messages.get("preview.loading", node.name()));
    AtomicReference<String> lastFetched = new AtomicReference<>("");
    window.open(Messages.get("task.preview", source.displayPath()), source.entry().uncompressedSize(),
        (from, length, p) -> readWindow(doc, source, from, length, counting(p, gen, lastFetched)),
        new WindowedPreview.Listener<>() {
          @Override
          public void shown(WindowedPreview.Window<Cost> w) {
            lastWindow.set(w.cost().window());
            fetched.set(lastFetched.get());
            present(w.cost().image(), w.fileSize());
            info.set(info.get() + via);
          }

          @Override
          public void failed(UserError error, boolean firstWindow) {
            if (firstWindow) {
              show(State.FAILED, error.summary());
            } else {
              fetched.set(error.summary()); // what is shown stays; the next scroll to the end tries again
            }
          }
        });
  }

  /** What one window cost, and the decoded image when the window is a whole image file. */
  record Cost(ContentWindow window, Object image) {}

  /**
   * Reads one window off the FX thread. An image no larger than {@link #IMAGE_LIMIT} is read whole (from where the
   * first window ended) and decoded, so it shows as a picture rather than as the hex of its first bytes.
   */
  private WindowedPreview.Window<Cost> readWindow(ZtocDocument doc, FileNode source, long from, int length,
      Progress p) throws Exception {
    ContentWindow w = content.read(doc, source, from, length, p);
    byte[] bytes = w.bytes();
    Object img = null;
    if (from == 0 && ContentSniffer.isImage(bytes) && w.fileSize() <= IMAGE_LIMIT) {
      if (bytes.length < w.fileSize()) {
        ContentWindow rest = content.read(doc, source, bytes.length, (int) (w.fileSize() - bytes.length), p);
        bytes = concat(bytes, rest.bytes());
        w = new ContentWindow(0, bytes, w.fileSize(), w.bytesFetched() + rest.bytesFetched());
      }
      img = bytes.length == w.fileSize() ? imageDecoder.apply(bytes) : null;
    }
    return new WindowedPreview.Window<>(bytes, w.fileSize(), new Cost(w, img));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** Reads the next window of the previewed file (the user scrolled to the end of the text or hex view). */
  public void loadMore() {
    window.loadMore();
  }

  /** Whether the previewed file has bytes not read yet. */
  public ReadOnlyBooleanProperty moreAvailableProperty() {
    return window.moreAvailableProperty();
  }

  /** What the last window read (its offset, bytes and the layer bytes it fetched), or null. */
  public ReadOnlyObjectProperty<ContentWindow> lastWindowProperty() {
    return lastWindow.getReadOnlyProperty();
  }

  /** The bytes shown so far: the previewed file's first bytes, as the windows read them. */
  public byte[] shownBytes() {
    return window.bytes();
  }

  /** The regular file whose bytes {@code node} shows: itself, or the target of a (chain of) link(s). */
  static FileNode contentSource(ZtocDocument doc, FileNode node) {
    if (node.entry() == null) {
      return null;
    }
    if (node.type() == EntryType.HARDLINK || node.type() == EntryType.SYMLINK) {
      FileNode target = doc.tree().resolve(node).orElse(null);
      return target != null && target.entry() != null && target.type() == EntryType.REG ? target : null;
    }
    return node.type() == EntryType.REG ? node : null;
  }

  private void present(Object img, long fileSize) {
    String size = ByteSize.human(fileSize);
    if (img != null) {
      image.set(img);
      info.set(Messages.get("preview.info.image", size));
      show(State.IMAGE, "");
      return;
    }
    String shown = window.shownSuffix();
    if (window.kind() == ContentSniffer.Kind.BINARY) {
      info.set(Messages.get("preview.info.binary", size) + shown);
      show(State.HEX, "");
    } else {
      info.set(Messages.get("preview.info.text", window.kind() == ContentSniffer.Kind.UTF8 ? "UTF-8" : "Latin-1",
          size, lines.size()) + shown);
      show(State.TEXT, "");
    }
  }

  private void show(State s, String text) {
    message.set(text);
    state.set(s);
  }

  /** Asks where to save the focused file and writes it there. */
  public void saveAs() {
    ZtocDocument doc = workspace.document();
    FileNode node = workspace.focusedProperty().get();
    if (doc == null || node == null || !canSave.get()) {
      return;
    }
    FileNode source = contentSource(doc, node);
    dialogs.chooseSaveFile(node.name()).ifPresent(target -> save(doc, source, target));
  }

  /** Saves {@code node} to {@code target}; public so tests can bypass the file chooser. */
  public void save(ZtocDocument doc, FileNode node, Path target) {
    long gen = generation;
    tasks.run(Messages.get("task.save", node.displayPath(), target.getFileName()),
        p -> {
          content.save(doc, node, target, counting(p, gen, new AtomicReference<>("")));
          return target;
        },
        done -> info.set(Messages.get("preview.saved", target)),
        error -> dialogs.showError(Messages.get("preview.saveFailed", node.name()), error));
  }

  /** Passes progress on and mirrors it into the "fetched X of Y" line (coalesced onto the FX thread). */
  private Progress counting(Progress p, long gen, AtomicReference<String> latest) {
    java.util.concurrent.atomic.AtomicBoolean scheduled = new java.util.concurrent.atomic.AtomicBoolean();
    return new Progress() {
      @Override
      public void update(long done, long total) {
        p.update(done, total);
        latest.set(total > 0 ? Messages.get("preview.fetched", ByteSize.human(done), ByteSize.human(total)) : "");
        if (scheduled.compareAndSet(false, true)) {
          runOnFx(() -> {
            scheduled.set(false);
            if (gen == generation) {
              fetched.set(latest.get());
            }
          });
        }
      }

      @Override
      public void message(String text) {
        p.message(text);
      }

      @Override
      public void transferred(long bytes) {
        p.transferred(bytes);
      }

      @Override
      public boolean isCancelled() {
        return p.isCancelled();
      }
    };
  }

  private static void runOnFx(Runnable r) {
    if (Platform.isFxApplicationThread()) {
      r.run();
    } else {
      try {
        Platform.runLater(r);
      } catch (IllegalStateException e) {
        r.run(); // no toolkit: plain unit tests
      }
    }
  }
}
