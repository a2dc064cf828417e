package dev.sociscope.app.common;

import java.nio.file.Path;
import java.util.Optional;

/** The few dialogs view models need, behind an interface so tests can answer them. */
public interface DialogService {
  Optional<Path> chooseZtocFile();

  Optional<Path> chooseLayerFile();

  Optional<Path> chooseSaveFile(String suggestedName);

  /** A folder to save files into. */
  Optional<Path> chooseFolder();

  /** An OCI image layout folder. */
  Optional<Path> chooseImageFolder();

  /** A file of paths a container touches at start: a plain list, a JSON array or an strace log. */
  default Optional<Path> choosePathsFile() {
    return Optional.empty();
  }

  /** An oci-archive or docker-archive tar file. */
  Optional<Path> chooseImageArchive();

  void showError(String title, UserError error);

  void showAbout();

  /**
   * Asks for a registry connection (URL, authentication, secret), prefilled from {@code saved} when not null;
   * empty when cancelled.
   */
  java.util.Optional<dev.sociscope.app.model.RegistryConnection> askConnection(
      dev.sociscope.app.settings.SavedRegistry saved);
}
