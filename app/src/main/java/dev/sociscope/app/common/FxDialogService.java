package dev.sociscope.app.common;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Dialogs shown with JavaFX, owned by the main window and styled like it. */
public final class FxDialogService implements DialogService {
  public static final String ERROR_SUMMARY_ID = "errorSummary";
  public static final String ERROR_DETAILS_ID = "errorDetails";

  private final Supplier<Window> owner;
  private final Supplier<Theme> theme;
  private File lastDirectory;

  /** Asks for a connection; the connect view provides it, so this common class knows no view. */
  @FunctionalInterface
  public interface ConnectPrompt {
    Optional<dev.sociscope.app.model.RegistryConnection> ask(Window owner, Theme theme,
        dev.sociscope.app.settings.SavedRegistry saved);
  }

  private final ConnectPrompt connectPrompt;

  public FxDialogService(Supplier<Window> owner, Supplier<Theme> theme, ConnectPrompt connectPrompt) {
    this.owner = owner;
    this.theme = theme;
    this.connectPrompt = connectPrompt;
  }

  @Override
  public Optional<Path> chooseZtocFile() {
    FileChooser chooser = chooser(Messages.get("dialog.openZtoc.title"));
    chooser.getExtensionFilters().addAll(
        new FileChooser.ExtensionFilter(Messages.get("dialog.filter.ztoc"), "*.ztoc"),
        new FileChooser.ExtensionFilter(Messages.get("dialog.filter.all"), "*"));
    return remember(chooser.showOpenDialog(owner.get()));
  }

  @Override
  public Optional<Path> chooseLayerFile() {
    FileChooser chooser = chooser(Messages.get("dialog.openLayer.title"));
    chooser.getExtensionFilters().addAll(
        new FileChooser.ExtensionFilter(Messages.get("dialog.filter.layer"), "*.tar.gz", "*.tgz", "*.tar", "*"),
        new FileChooser.ExtensionFilter(Messages.get("dialog.filter.all"), "*"));
    return remember(chooser.showOpenDialog(owner.get()));
  }

  @Override
  public Optional<Path> chooseSaveFile(String suggestedName) {
    FileChooser chooser = chooser(Messages.get("dialog.save.title"));
    chooser.setInitialFileName(suggestedName);
    return remember(chooser.showSaveDialog(owner.get()));
  }

  @Override
  public Optional<Path> chooseFolder() {
    javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
    chooser.setTitle(Messages.get("dialog.folder.title"));
    File dir = chooser.showDialog(owner.get());
    return dir == null ? Optional.empty() : Optional.of(dir.toPath());
  }

  @Override
  public Optional<Path> chooseImageFolder() {
    javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
    chooser.setTitle(Messages.get("dialog.imageFolder.title"));
    if (lastDirectory != null && lastDirectory.isDirectory()) {
      chooser.setInitialDirectory(lastDirectory);
    }
    File dir = chooser.showDialog(owner.get());
    if (dir == null) {
      return Optional.empty();
    }
    lastDirectory = dir.getParentFile();
    return Optional.of(dir.toPath());
  }

  @Override
  public Optional<Path> choosePathsFile() {
    FileChooser chooser = chooser(Messages.get("dialog.pathsFile.title"));
    return Optional.ofNullable(chooser.showOpenDialog(owner.get())).map(java.io.File::toPath);
  }

  @Override
  public Optional<Path> chooseImageArchive() {
    FileChooser chooser = chooser(Messages.get("dialog.imageArchive.title"));
    chooser.getExtensionFilters().addAll(
        new FileChooser.ExtensionFilter(Messages.get("dialog.filter.imageArchive"), "*.tar", "*.tar.gz", "*.tgz"),
        new FileChooser.ExtensionFilter(Messages.get("dialog.filter.all"), "*"));
    return remember(chooser.showOpenDialog(owner.get()));
  }

  private FileChooser chooser(String title) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle(title);
    if (lastDirectory != null && lastDirectory.isDirectory()) {
      chooser.setInitialDirectory(lastDirectory);
    }
    return chooser;
  }

  private Optional<Path> remember(File file) {
    if (file == null) {
      return Optional.empty();
    }
    lastDirectory = file.getParentFile();
    return Optional.of(file.toPath());
  }

  @Override
  public void showError(String title, UserError error) {
    Alert alert = new Alert(Alert.AlertType.ERROR);
    alert.initOwner(owner.get());
    alert.setTitle(Messages.get("dialog.error.title"));
    alert.setHeaderText(title);
    Label summary = new Label(error.summary());
    summary.setId(ERROR_SUMMARY_ID);
    summary.setWrapText(true);
    summary.setMaxWidth(520);
    alert.getDialogPane().setContent(summary);
    TextArea details = new TextArea(error.details());
    details.setId(ERROR_DETAILS_ID);
    details.setEditable(false);
    details.getStyleClass().add(Styles.MONO);
    details.setPrefRowCount(14);
    VBox.setVgrow(details, Priority.ALWAYS);
    alert.getDialogPane().setExpandableContent(new VBox(6, new Label(Messages.get("dialog.error.details")), details));
    style(alert.getDialogPane().getScene());
    alert.show();
  }

  @Override
  public void showAbout() {
    Alert alert = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
    alert.initOwner(owner.get());
    alert.setTitle(Messages.get("about.title"));
    alert.setHeaderText(Messages.get("about.header", version()));
    Label body = new Label(Messages.get("about.body", System.getProperty("java.version"),
        System.getProperty("javafx.runtime.version", "?")));
    body.setWrapText(true);
    body.setMaxWidth(460);
    body.setId("aboutBody");
    alert.getDialogPane().setContent(body);
    style(alert.getDialogPane().getScene());
    alert.show();
  }

  @Override
  public Optional<dev.sociscope.app.model.RegistryConnection> askConnection(
      dev.sociscope.app.settings.SavedRegistry saved) {
    return connectPrompt.ask(owner.get(), theme.get(), saved);
  }

  private void style(Scene scene) {
    theme.get().applyTo(scene);
  }

  static String version() {
    String v = FxDialogService.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
