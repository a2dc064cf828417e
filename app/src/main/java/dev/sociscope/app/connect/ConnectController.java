package dev.sociscope.app.connect;

import dev.sociscope.app.common.Messages;
import dev.sociscope.app.settings.SavedRegistry.AuthMode;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;

/** The connection dialog's form. */
public final class ConnectController {
  private final ConnectViewModel viewModel;

  @FXML private TextField urlField;
  @FXML private TextField nameField;
  @FXML private RadioButton anonymousRadio;
  @FXML private RadioButton passwordRadio;
  @FXML private RadioButton tokenRadio;
  @FXML private RadioButton dockerRadio;
  @FXML private ToggleGroup authGroup;
  @FXML private TextField usernameField;
  @FXML private PasswordField secretField;
  @FXML private Label secretLabel;
  @FXML private CheckBox plainHttpBox;
  @FXML private Label problemLabel;

  public ConnectController(ConnectViewModel viewModel) {
    this.viewModel = viewModel;
  }

  @FXML
  private void initialize() {
    urlField.textProperty().bindBidirectional(viewModel.urlProperty());
    nameField.textProperty().bindBidirectional(viewModel.nameProperty());
    usernameField.textProperty().bindBidirectional(viewModel.usernameProperty());
    secretField.textProperty().bindBidirectional(viewModel.secretProperty());
    plainHttpBox.selectedProperty().bindBidirectional(viewModel.allowPlainHttpProperty());
    problemLabel.textProperty().bind(viewModel.problemBinding());
    anonymousRadio.setUserData(AuthMode.ANONYMOUS);
    passwordRadio.setUserData(AuthMode.PASSWORD);
    tokenRadio.setUserData(AuthMode.TOKEN);
    dockerRadio.setUserData(AuthMode.DOCKER_CREDENTIALS);
    for (var t : authGroup.getToggles()) {
      if (t.getUserData() == viewModel.authProperty().get()) {
        authGroup.selectToggle(t);
      }
    }
    authGroup.selectedToggleProperty().addListener((o, a, b) -> {
      if (b != null) {
        viewModel.authProperty().set((AuthMode) b.getUserData());
      }
    });
    viewModel.authProperty().addListener((o, a, b) -> update(b));
    update(viewModel.authProperty().get());
  }

  private void update(AuthMode mode) {
    usernameField.setDisable(mode != AuthMode.PASSWORD);
    secretField.setDisable(mode != AuthMode.PASSWORD && mode != AuthMode.TOKEN);
    secretLabel.setText(Messages.get(mode == AuthMode.TOKEN ? "connect.token" : "connect.password"));
  }

  public ConnectViewModel viewModel() {
    return viewModel;
  }
}
