package dev.sociscope.app.preview;

import dev.sociscope.core.format.ByteSize;
import dev.sociscope.app.common.DialogService;
import dev.sociscope.app.common.Messages;
import dev.sociscope.app.common.Progress;
import dev.sociscope.app.common.TaskRunner;
import dev.sociscope.app.common.UserError;
import dev.sociscope.app.service.FileContentService;
import dev.sociscope.app.model.FileNode;
import dev.sociscope.app.model.ZtocDocument;
import dev.sociscope.app.ztoc.ZtocWorkspace;
import dev.sociscope.core.ztoc.EntryType;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
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
  /** Bytes read for a preview; "Save as" always writes the whole file. */
  public static final int PREVIEW_LIMIT = 1 << 20;

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
  private TaskRunner.Handle loading;
  private long generation;

  /** @param imageDecoder turns image bytes into a JavaFX Image (off the FX thread); tests pass a fake */
  public PreviewViewModel(ZtocWorkspace workspace, FileContentService content, TaskRunner tasks,
      DialogService dialogs, Function<byte[], Object> imageDecoder) {
    this.workspace = workspace;
    this.content = content;
    this.tasks = tasks;
    this.dialogs = dialogs;
    this.imageDecoder = imageDecoder;
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
    if (loading != null) {
      loading.cancel();
      loading = null;
    }
    lines.clear();
    image.set(null);
    info.set("");
    fetched.set("");
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
    long size = source.entry().uncompressedSize();
    show(State.LOADING, Messages.get("preview.loading", node.name()));
    java.util.concurrent.atomic.AtomicReference<String> lastFetched = new java.util.concurrent.atomic.AtomicReference<>("");
    loading = tasks.run(Messages.get("task.preview", source.displayPath()),
        p -> decode(content.read(doc, source, PREVIEW_LIMIT, counting(p, gen, lastFetched)), size),
        result -> {
          if (gen == generation) {
            fetched.set(lastFetched.get());
            present(result);
            info.set(info.get() + via);
          }
        },
        error -> {
          if (gen == generation) {
            show(State.FAILED, error.summary());
          }
        });
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

  private PreviewContent decode(byte[] bytes, long fileSize) {
    boolean truncated = bytes.length < fileSize;
    ContentSniffer.Kind kind = ContentSniffer.sniff(bytes, truncated);
    if (kind == ContentSniffer.Kind.IMAGE && !truncated) {
      Object img = imageDecoder.apply(bytes);
      if (img != null) {
        return new PreviewContent(kind, List.of(), img, bytes.length, fileSize, false);
      }
      kind = ContentSniffer.Kind.BINARY;
    } else if (kind == ContentSniffer.Kind.IMAGE) {
      kind = ContentSniffer.Kind.BINARY;
    }
    List<String> text = kind == ContentSniffer.Kind.BINARY ? ContentSniffer.hexLines(bytes)
        : ContentSniffer.lines(bytes, kind);
    return new PreviewContent(kind, text, null, bytes.length, fileSize, truncated);
  }

  private void present(PreviewContent c) {
    String size = ByteSize.human(c.fileSize());
    String shown = c.truncated() ? Messages.get("preview.truncated", ByteSize.human(c.shownBytes())) : "";
    switch (c.kind()) {
      case IMAGE:
        image.set(c.image());
        info.set(Messages.get("preview.info.image", size));
        show(State.IMAGE, "");
        break;
      case UTF8:
      case LATIN1:
        lines.setAll(c.lines());
        info.set(Messages.get("preview.info.text", c.kind() == ContentSniffer.Kind.UTF8 ? "UTF-8" : "Latin-1",
            size, c.lines().size()) + shown);
        show(State.TEXT, "");
        break;
      default:
        lines.setAll(c.lines());
        info.set(Messages.get("preview.info.binary", size) + shown);
        show(State.HEX, "");
        break;
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
          content.save(doc, node, target, counting(p, gen, new java.util.concurrent.atomic.AtomicReference<>("")));
          return target;
        },
        done -> info.set(Messages.get("preview.saved", target)),
        error -> dialogs.showError(Messages.get("preview.saveFailed", node.name()), error));
  }

  /** Passes progress on and mirrors it into the "fetched X of Y" line (coalesced onto the FX thread). */
  private Progress counting(Progress p, long gen, java.util.concurrent.atomic.AtomicReference<String> latest) {
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
