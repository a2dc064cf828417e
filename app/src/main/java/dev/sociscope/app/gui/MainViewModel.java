package dev.sociscope.app.gui;

import dev.sociscope.core.format.ByteSize;
import dev.sociscope.app.ztoc.DocumentOpener;
import dev.sociscope.app.common.DialogService;
import dev.sociscope.app.common.Messages;
import dev.sociscope.app.common.Theme;
import dev.sociscope.app.settings.AppSettings;
import dev.sociscope.app.model.ZtocDocument;
import dev.sociscope.app.ztoc.ZtocWorkspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The main window: open actions, the document header, theme and activity panel toggles. */
public final class MainViewModel {
  private final ZtocWorkspace workspace;
  private final DocumentOpener opener;
  private final DialogService dialogs;
  private final AppSettings settings;
  private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme");
  private Runnable demoImageAction = () -> { };
  private Runnable registryRefresh = () -> { };
  private java.util.function.Predicate<String> referenceOpener = t -> false;
  private java.util.function.Function<String, List<String>> completer = t -> List.of();
  private java.util.function.Consumer<Path> imageOpener = p -> { };
  private final javafx.beans.property.StringProperty shownImage =
      new javafx.beans.property.SimpleStringProperty(this, "shownImage", "");
  private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(this, "mode", Mode.ZTOC);

  /** Which main view the centre shows. */
  public enum Mode { ZTOC, REGISTRY }
  private final BooleanBinding hasDocument;
  private final StringBinding windowTitle;
  private final StringBinding documentTitle;
  private final StringBinding documentFacts;
  private final StringBinding layerText;

  public MainViewModel(ZtocWorkspace workspace, DocumentOpener opener, DialogService dialogs,
      AppSettings settings) {
    this.workspace = workspace;
    this.opener = opener;
    this.dialogs = dialogs;
    this.settings = settings;
    theme.set(Theme.parse(settings.get().theme()));
    theme.addListener((o, a, b) -> settings.update(s -> s.withTheme(b.settingsName())));
    hasDocument = workspace.documentProperty().isNotNull();
    workspace.documentProperty().addListener((o, a, b) -> {
      if (b != null) {
        mode.set(Mode.ZTOC);
      }
    });
    // The title names what the centre shows: the image of the registry view, or the zTOC.
    windowTitle = Bindings.createStringBinding(() -> {
      ZtocDocument d = workspace.document();
      if (mode.get() == Mode.REGISTRY && !shownImage.get().isEmpty()) {
        return Messages.get("app.title.document", shownImage.get());
      }
      return d == null ? Messages.get("app.title") : Messages.get("app.title.document", d.title());
    }, workspace.documentProperty(), mode, shownImage);
    documentTitle = Bindings.createStringBinding(() -> {
      ZtocDocument d = workspace.document();
      return d == null ? "" : d.title();
    }, workspace.documentProperty());
    documentFacts = Bindings.createStringBinding(() -> {
      ZtocDocument d = workspace.document();
      if (d == null) {
        return "";
      }
      return Messages.get("header.facts", ByteSize.exact(d.ztoc().files().size()), d.spans().size(),
          ByteSize.human(d.zinfo().spanSize()), d.algorithm().displayName().toLowerCase(Locale.ROOT),
          ByteSize.human(d.layerSize()), ByteSize.human(d.ztoc().uncompressedArchiveSize()), d.ztoc().version());
    }, workspace.documentProperty());
    layerText = Bindings.createStringBinding(() -> {
      ZtocDocument d = workspace.document();
      if (d == null) {
        return "";
      }
      return d.layer().map(l -> Messages.get("header.layer", l.shortName()))
          .orElse(Messages.get("header.noLayer"));
    }, workspace.documentProperty());
  }

  public BooleanBinding hasDocumentBinding() {
    return hasDocument;
  }

  public StringBinding windowTitleBinding() {
    return windowTitle;
  }

  public StringBinding documentTitleBinding() {
    return documentTitle;
  }

  public StringBinding documentFactsBinding() {
    return documentFacts;
  }

  public StringBinding layerTextBinding() {
    return layerText;
  }

  public ObjectProperty<Theme> themeProperty() {
    return theme;
  }

  public ObjectProperty<Mode> modeProperty() {
    return mode;
  }

  public boolean activityVisible() {
    return settings.get().activityVisible();
  }

  public void setActivityVisible(boolean visible) {
    settings.update(s -> s.withActivityVisible(visible));
  }

  // Commands

  public void openZtocWithDialog() {
    dialogs.chooseZtocFile().ifPresent(p -> openZtoc(p, Optional.empty()));
  }

  public void openZtoc(Path ztoc, Optional<Path> layer) {
    opener.open(ztoc, layer);
  }

  /** The demo image (File > Open the demo, the welcome page's button). */
  public void openDemo() {
    demoImageAction.run();
  }

  public void setDemoImageAction(Runnable action) {
    this.demoImageAction = action;
  }

  public void attachLayerWithDialog() {
    if (workspace.document() != null) {
      dialogs.chooseLayerFile().ifPresent(opener::attachLayer);
    }
  }

  public void close() {
    opener.close();
  }

  /** F5: reads again what the centre shows (the registry view's lists and image, or the zTOC). */
  public void refresh() {
    if (mode.get() == Mode.REGISTRY) {
      registryRefresh.run();
    } else if (workspace.document() != null) {
      opener.refresh();
    }
  }

  public void setRegistryRefresh(Runnable action) {
    this.registryRefresh = action;
  }

  /** The image the registry view shows ({@code repo:tag}), empty when none; the window title names it. */
  public javafx.beans.property.StringProperty shownImageProperty() {
    return shownImage;
  }

  /**
   * Opens an image by reference (the address field, a dropped text, {@code sociscope open REF}).
   *
   * @return false when the text is not an image reference (the error was shown)
   */
  public boolean openReference(String text) {
    if (text == null || text.isBlank()) {
      return false;
    }
    return referenceOpener.test(text.strip());
  }

  /** What the address field offers for the typed text. */
  public List<String> completions(String typed) {
    return completer.apply(typed);
  }

  public void setReferenceOpener(java.util.function.Predicate<String> opener,
      java.util.function.Function<String, List<String>> completions) {
    this.referenceOpener = opener;
    this.completer = completions;
  }

  /** How a dropped image folder (OCI layout) or archive opens. */
  public void setImageOpener(java.util.function.Consumer<Path> opener) {
    this.imageOpener = opener;
  }

  public void toggleTheme() {
    theme.set(theme.get().other());
  }

  public void showAbout() {
    dialogs.showAbout();
  }

  /**
   * Dropped files: a .ztoc opens (with a dropped layer, if any); a lone file attaches to the zTOC shown as its
   * layer; otherwise a folder (OCI layout) or file (oci-archive, docker-archive) opens as an image.
   */
  public boolean drop(List<Path> files) {
    Optional<Path> ztoc = files.stream().filter(MainViewModel::looksLikeZtoc).findFirst();
    Optional<Path> other = files.stream().filter(p -> !looksLikeZtoc(p)).findFirst();
    if (ztoc.isPresent()) {
      openZtoc(ztoc.get(), other);
      return true;
    }
    if (other.isEmpty()) {
      return false;
    }
    if (mode.get() == Mode.ZTOC && workspace.document() != null && !java.nio.file.Files.isDirectory(other.get())) {
      opener.attachLayer(other.get());
      return true;
    }
    imageOpener.accept(other.get());
    return true;
  }

  /** A dropped text: an image reference. */
  public boolean dropText(String text) {
    return openReference(text);
  }

  static boolean looksLikeZtoc(Path p) {
    return p.getFileName() != null && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ztoc");
  }
}
