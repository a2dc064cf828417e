package dev.sociscope.app.testing;

import dev.sociscope.app.common.DialogService;
import dev.sociscope.app.common.UserError;
import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.settings.SavedRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A {@link DialogService} for view-model tests: every chooser answers "cancelled" except the save-file chooser,
 * which answers what the test sets, and every error shown is recorded as "title: summary".
 */
public final class RecordingDialogs implements DialogService {
  private final List<String> errors = new ArrayList<>();
  private final Function<String, Optional<Path>> saveFile;

  public RecordingDialogs() {
    this(name -> Optional.empty());
  }

  /** {@code saveFile} answers the save-file chooser for a suggested file name. */
  public RecordingDialogs(Function<String, Optional<Path>> saveFile) {
    this.saveFile = saveFile;
  }

  /** The errors shown so far, each as "title: summary". */
  public List<String> errors() {
    return errors;
  }

  @Override
  public Optional<Path> chooseZtocFile() {
    return Optional.empty();
  }

  @Override
  public Optional<Path> chooseLayerFile() {
    return Optional.empty();
  }

  @Override
  public Optional<Path> chooseSaveFile(String suggestedName) {
    return saveFile.apply(suggestedName);
  }

  @Override
  public Optional<Path> chooseFolder() {
    return Optional.empty();
  }

  @Override
  public Optional<Path> chooseImageFolder() {
    return Optional.empty();
  }

  @Override
  public Optional<Path> chooseImageArchive() {
    return Optional.empty();
  }

  @Override
  public void showError(String title, UserError error) {
    errors.add(title + ": " + error.summary());
  }

  @Override
  public void showAbout() {}

  @Override
  public Optional<RegistryConnection> askConnection(SavedRegistry saved) {
    return Optional.empty();
  }
}
