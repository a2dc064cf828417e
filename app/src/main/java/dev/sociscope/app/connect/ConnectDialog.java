package dev.sociscope.app.connect;

import dev.sociscope.app.common.ErrorDescriber;
import dev.sociscope.app.common.Messages;
import dev.sociscope.app.common.Theme;
import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.service.RegistryService;
import dev.sociscope.app.settings.SavedRegistry;
import dev.sociscope.core.io.Cancellation;
import dev.sociscope.core.registry.transport.ServerCertificate;
import dev.sociscope.core.registry.transport.UntrustedCertificateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/**
 * The Connect dialog: URL, authentication and secret, TLS files and proxy, prefilled from a saved registry when
 * there is one. Connect checks the registry in the background (the form stays usable, a wait is shown, Cancel
 * stops the check at once); a failure is shown in one sentence in the dialog, an untrusted certificate also in a
 * dialog with its subject, issuer, validity and fingerprint.
 */
public final class ConnectDialog {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private ConnectDialog() {}

  /** Shows the dialog without a connection check (tests and callers without a service). */
  public static Optional<RegistryConnection> ask(Window owner, Theme theme, SavedRegistry saved) {
    return ask(owner, theme, saved, null);
  }

  /** Shows the dialog and waits; empty when cancelled. With a service, Connect first checks the registry. */
  public static Optional<RegistryConnection> ask(Window owner, Theme theme, SavedRegistry saved,
      RegistryService service) {
    return create(owner, theme, saved, service).showAndWait().flatMap(o -> o);
  }

  /** The dialog, not yet shown; its result is the connection, empty when cancelled. */
  public static Dialog<Optional<RegistryConnection>> create(Window owner, Theme theme, SavedRegistry saved,
      RegistryService service) {
    ConnectViewModel vm = new ConnectViewModel(saved);
    FXMLLoader loader = new FXMLLoader(ConnectDialog.class.getResource("ConnectView.fxml"), Messages.bundle());
    loader.setControllerFactory(type -> new ConnectController(vm));
    Parent form;
    try {
      form = loader.load();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Dialog<Optional<RegistryConnection>> dialog = new Dialog<>();
    if (owner != null) {
      dialog.initOwner(owner);
    }
    dialog.setTitle(Messages.get("connect.title"));
    dialog.setHeaderText(Messages.get(saved == null ? "connect.header" : "connect.header.saved"));
    ButtonType connect = new ButtonType(Messages.get("connect.button"), ButtonBar.ButtonData.OK_DONE);
    dialog.getDialogPane().getButtonTypes().addAll(connect, ButtonType.CANCEL);
    dialog.getDialogPane().setContent(form);
    dialog.getDialogPane().lookupButton(connect).disableProperty()
        .bind(vm.problemBinding().isNotEmpty().or(vm.checkingProperty()));
    dialog.getDialogPane().lookupButton(connect).setId("connectButton");
    dialog.getDialogPane().lookupButton(ButtonType.CANCEL).setId("cancelButton");
    dialog.setResultConverter(b -> b == connect ? Optional.of(vm.connection()) : Optional.empty());
    theme.applyTo(dialog.getDialogPane().getScene());
    if (service != null) {
      new Check(dialog, vm, service).install(connect);
    }
    return dialog;
  }

  /** The background connection check behind the Connect button. */
  private static final class Check {
    private final Dialog<Optional<RegistryConnection>> dialog;
    private final ConnectViewModel vm;
    private final RegistryService service;
    private Cancellation running;

    Check(Dialog<Optional<RegistryConnection>> dialog, ConnectViewModel vm, RegistryService service) {
      this.dialog = dialog;
      this.vm = vm;
      this.service = service;
    }

    void install(ButtonType connect) {
      updateProxy();
      vm.urlProperty().addListener(o -> updateProxy());
      vm.proxyProperty().addListener(o -> updateProxy());
      vm.allowPlainHttpProperty().addListener(o -> updateProxy());
      dialog.getDialogPane().lookupButton(connect).addEventFilter(ActionEvent.ACTION, e -> {
        e.consume();
        start();
      });
      dialog.getDialogPane().lookupButton(ButtonType.CANCEL).addEventFilter(ActionEvent.ACTION, e -> {
        if (running != null) {
          e.consume(); // stop the check; the dialog stays open for another try
          stop();
        }
      });
      dialog.setOnHidden(e -> stop());
    }

    private void updateProxy() {
      try {
        vm.proxyInUseProperty().set(service.proxyFor(vm.connection()));
      } catch (RuntimeException e) {
        vm.proxyInUseProperty().set("");
      }
    }

    private void start() {
      RegistryConnection connection = vm.connection();
      boolean remember = vm.rememberInDockerProperty().get()
          && connection.registry().auth() == SavedRegistry.AuthMode.PASSWORD;
      Cancellation cancel = new Cancellation();
      running = cancel;
      vm.checkFailureProperty().set("");
      vm.checkingProperty().set(true);
      Thread t = new Thread(() -> {
        try {
          service.check(connection, cancel);
          RegistryConnection result = remember ? DockerCredentials.remember(connection) : connection;
          Platform.runLater(() -> finish(cancel, result, null));
        } catch (Exception | Error e) {
          Platform.runLater(() -> finish(cancel, null, e));
        }
      }, "connect-check");
      t.setDaemon(true);
      t.start();
    }

    private void stop() {
      if (running != null) {
        running.cancel();
        running = null;
        vm.checkingProperty().set(false);
      }
    }

    private void finish(Cancellation cancel, RegistryConnection result, Throwable error) {
      if (running != cancel) {
        return; // cancelled meanwhile, or a newer check runs
      }
      running = null;
      vm.checkingProperty().set(false);
      if (error == null) {
        dialog.setResult(Optional.of(result));
        dialog.close();
        return;
      }
      // Core's failures are already one sentence ("cannot reach HOST:PORT: connection refused").
      String m = error.getMessage();
      vm.checkFailureProperty().set(error instanceof dev.sociscope.core.error.SociscopeException && m != null
          ? Character.toUpperCase(m.charAt(0)) + m.substring(1) : ErrorDescriber.describe(error).summary());
      if (error instanceof UntrustedCertificateException u && u.certificate() != null) {
        showCertificate(u);
      }
    }

    private void showCertificate(UntrustedCertificateException u) {
      ServerCertificate c = u.certificate();
      Alert alert = new Alert(Alert.AlertType.WARNING);
      alert.initOwner(dialog.getDialogPane().getScene().getWindow());
      alert.setTitle(Messages.get("connect.certificate.title"));
      alert.setHeaderText(Messages.get("connect.certificate.header", u.host()));
      TextArea body = new TextArea(Messages.get("connect.certificate.body", c.subject(), c.issuer(),
          DAY.format(c.notBefore()), DAY.format(c.notAfter()), c.sha256Fingerprint()));
      body.setEditable(false);
      body.setWrapText(true);
      body.setPrefRowCount(9);
      body.setId("certificateDetails");
      alert.getDialogPane().setContent(body);
      alert.show();
    }
  }
}
