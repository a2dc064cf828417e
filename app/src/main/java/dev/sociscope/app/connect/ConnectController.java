package dev.sociscope.app.connect;

import dev.sociscope.app.common.Messages;
import dev.sociscope.app.settings.SavedRegistry.AuthMode;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;
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
  @FXML private TextField caFileField;
  @FXML private TextField clientCertField;
  @FXML private TextField clientKeyField;
  @FXML private TextField proxyField;
  @FXML private TextField timeoutField;
  @FXML private Label proxyInUseLabel;
  @FXML private CheckBox rememberBox;
  @FXML private HBox checkingBox;
  @FXML private Label checkingLabel;

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
    problemLabel.textProperty().bind(Bindings.when(viewModel.checkFailureProperty().isEmpty())
        .then(viewModel.problemBinding()).otherwise(viewModel.checkFailureProperty()));
    caFileField.textProperty().bindBidirectional(viewModel.caFileProperty());
    clientCertField.textProperty().bindBidirectional(viewModel.clientCertProperty());
    clientKeyField.textProperty().bindBidirectional(viewModel.clientKeyProperty());
    proxyField.textProperty().bindBidirectional(viewModel.proxyProperty());
    timeoutField.textProperty().bindBidirectional(viewModel.timeoutProperty());
    proxyInUseLabel.textProperty().bind(Bindings.when(viewModel.proxyInUseProperty().isEmpty()).then("")
        .otherwise(Bindings.createStringBinding(() -> Messages.get("connect.proxy.inUse",
            viewModel.proxyInUseProperty().get()), viewModel.proxyInUseProperty())));
    rememberBox.selectedProperty().bindBidirectional(viewModel.rememberInDockerProperty());
    checkingBox.visibleProperty().bind(viewModel.checkingProperty());
    checkingBox.managedProperty().bind(viewModel.checkingProperty());
    checkingLabel.textProperty().bind(Bindings.createStringBinding(() -> Messages.get("connect.checking",
        viewModel.urlProperty().get()), viewModel.urlProperty()));
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

  @FXML
  private void chooseCaFile() {
    choose(viewModel.caFileProperty());
  }

  @FXML
  private void chooseClientCert() {
    choose(viewModel.clientCertProperty());
  }

  @FXML
  private void chooseClientKey() {
    choose(viewModel.clientKeyProperty());
  }

  /** Only the chosen path is kept: the file itself is read when connecting, never copied. */
  private void choose(javafx.beans.property.StringProperty target) {
    FileChooser chooser = new FileChooser();
    String current = target.get();
    if (current != null && !current.isBlank()) {
      File f = new File(current).getParentFile();
      if (f != null && f.isDirectory()) {
        chooser.setInitialDirectory(f);
      }
    }
    File file = chooser.showOpenDialog(caFileField.getScene().getWindow());
    if (file != null) {
      target.set(file.getAbsolutePath());
    }
  }

  private void update(AuthMode mode) {
    rememberBox.setDisable(mode != AuthMode.PASSWORD);
    usernameField.setDisable(mode != AuthMode.PASSWORD);
    secretField.setDisable(mode != AuthMode.PASSWORD && mode != AuthMode.TOKEN);
    secretLabel.setText(Messages.get(mode == AuthMode.TOKEN ? "connect.token" : "connect.password"));
  }

  public ConnectViewModel viewModel() {
    return viewModel;
  }
}
