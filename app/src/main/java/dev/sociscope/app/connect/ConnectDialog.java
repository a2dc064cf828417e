package dev.sociscope.app.connect;

import dev.sociscope.app.common.Messages;
import dev.sociscope.app.common.Theme;
import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.settings.SavedRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.stage.Window;

/** The Connect dialog: URL, authentication and secret, prefilled from a saved registry when there is one. */
public final class ConnectDialog {
  private ConnectDialog() {}

  /** Shows the dialog and waits; empty when cancelled. */
  public static Optional<RegistryConnection> ask(Window owner, Theme theme, SavedRegistry saved) {
    ConnectViewModel vm = new ConnectViewModel(saved);
    FXMLLoader loader = new FXMLLoader(ConnectDialog.class.getResource("ConnectView.fxml"), Messages.bundle());
    loader.setControllerFactory(type -> new ConnectController(vm));
    Parent form;
    try {
      form = loader.load();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Dialog<ButtonType> dialog = new Dialog<>();
    dialog.initOwner(owner);
    dialog.setTitle(Messages.get("connect.title"));
    dialog.setHeaderText(Messages.get(saved == null ? "connect.header" : "connect.header.saved"));
    ButtonType connect = new ButtonType(Messages.get("connect.button"), ButtonBar.ButtonData.OK_DONE);
    dialog.getDialogPane().getButtonTypes().addAll(connect, ButtonType.CANCEL);
    dialog.getDialogPane().setContent(form);
    dialog.getDialogPane().lookupButton(connect).disableProperty().bind(vm.problemBinding().isNotEmpty());
    theme.applyTo(dialog.getDialogPane().getScene());
    return dialog.showAndWait().filter(b -> b == connect).map(b -> vm.connection());
  }
}
