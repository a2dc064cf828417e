package dev.sociscope.app.ztoc;

import dev.sociscope.app.common.DialogService;
import dev.sociscope.app.common.Messages;
import dev.sociscope.app.common.TaskRunner;
import dev.sociscope.app.service.ZtocService;
import dev.sociscope.app.settings.AppSettings;
import dev.sociscope.app.model.LayerSource;
import dev.sociscope.app.model.ZtocDocument;
import dev.sociscope.app.ztoc.ZtocWorkspace;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/** Opens zTOCs into the workspace: from a file, the demo, or again (refresh); failures go to an error dialog. */
public final class DocumentOpener {
  private final ZtocWorkspace workspace;
  private final ZtocService service;
  private final TaskRunner tasks;
  private final DialogService dialogs;
  private final AppSettings settings;

  public DocumentOpener(ZtocWorkspace workspace, ZtocService service, TaskRunner tasks, DialogService dialogs,
      AppSettings settings) {
    this.workspace = workspace;
    this.service = service;
    this.tasks = tasks;
    this.dialogs = dialogs;
    this.settings = settings;
  }

  /** Opens {@code ztoc}; without a layer, one found next to it is attached. */
  public void open(Path ztoc, Optional<Path> layer) {
    open(ztoc, layer, doc -> { });
  }

  public void open(Path ztoc, Optional<Path> layer, Consumer<ZtocDocument> then) {
    String name = ztoc.getFileName() == null ? ztoc.toString() : ztoc.getFileName().toString();
    tasks.run(Messages.get("task.open", name),
        p -> service.open(ztoc, layer.isPresent() ? layer : service.findLayerFor(ztoc), p),
        doc -> {
          workspace.documentProperty().set(doc);
          settings.update(s -> s.withRecentZtoc(ztoc.toAbsolutePath().toString()));
          then.accept(doc);
        },
        error -> dialogs.showError(Messages.get("open.failed", name), error));
  }

  public void openDemo() {
    tasks.run(Messages.get("task.openDemo"), service::openDemo,
        doc -> workspace.documentProperty().set(doc),
        error -> dialogs.showError(Messages.get("open.demoFailed"), error));
  }

  /** Attaches a layer blob to the open zTOC so files can be previewed. */
  public void attachLayer(Path layer) {
    ZtocDocument doc = workspace.document();
    if (doc != null) {
      workspace.documentProperty().set(doc.withLayer(LayerSource.local(layer)));
    }
  }

  /** Closes the open zTOC; the welcome page shows again. */
  public void close() {
    workspace.documentProperty().set(null);
  }

  /** Reads the open zTOC file again (F5). */
  public void refresh() {
    ZtocDocument doc = workspace.document();
    if (doc == null) {
      return;
    }
    if (doc.ztocPath().isPresent()) {
      open(doc.ztocPath().get(), doc.layer().flatMap(LayerSource::localFile));
    } else {
      openDemo();
    }
  }
}
