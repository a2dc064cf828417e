package dev.sociscope.app.gui;

import static dev.sociscope.app.gui.GuiTestSupport.fx;
import static dev.sociscope.app.gui.GuiTestSupport.fxRun;
import static dev.sociscope.app.gui.GuiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.common.Theme;
import dev.sociscope.app.connect.ConnectDialog;
import dev.sociscope.app.model.ActivityLog;
import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.service.CoreRegistryService;
import dev.sociscope.core.registry.transport.PemFiles;
import dev.sociscope.core.testing.TestImages;
import dev.sociscope.core.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Connect dialog checks the registry in the background with the real service: a wait with Cancel while the
 * form stays usable, connection errors in words within a second, and an untrusted certificate shown with its
 * subject, issuer, validity and fingerprint; with the CA file chosen the same server is accepted.
 */
@ExtendWith(ApplicationExtension.class)
class ConnectDialogGuiTest {
  private Stage stage;
  private Dialog<Optional<RegistryConnection>> dialog;
  private final List<Socket> held = new ArrayList<>();
  @TempDir Path dir;

  @Start
  void start(Stage s) {
    this.stage = s;
    s.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 400, 300));
    s.show();
  }

  @AfterEach
  void close() throws IOException {
    if (dialog != null) {
      fxRun(() -> dialog.close());
    }
    for (Window w : fx(() -> new ArrayList<>(Window.getWindows()))) {
      if (w != stage) {
        fxRun(w::hide);
      }
    }
    for (Socket s : held) {
      s.close();
    }
  }

  private Dialog<Optional<RegistryConnection>> open(String url) {
    CoreRegistryService service = new CoreRegistryService(new ActivityLog(Clock.systemUTC()), dir.resolve("cache"));
    dialog = fx(() -> {
      Dialog<Optional<RegistryConnection>> d = ConnectDialog.create(stage, Theme.LIGHT, null, service);
      d.show();
      return d;
    });
    fxRun(() -> ((TextField) dialog.getDialogPane().lookup("#urlField")).setText(url));
    return dialog;
  }

  private Node node(String id) {
    return fx(() -> dialog.getDialogPane().lookup(id));
  }

  private String problem() {
    return fx(() -> ((Label) dialog.getDialogPane().lookup("#problemLabel")).getText());
  }

  @Test
  void proxyInUseIsShownAndOverridablePerRegistry() {
    open("https://registry.example.com");
    fxRun(() -> ((TextField) node("#proxyField")).setText("http://user:pw@proxy.corp:3128"));
    assertThat(fx(() -> ((Label) node("#proxyInUseLabel")).getText()))
        .isEqualTo("Uses: http://proxy.corp:3128 (this registry's setting)");
    fxRun(() -> ((TextField) node("#proxyField")).setText("direct"));
    assertThat(fx(() -> ((Label) node("#proxyInUseLabel")).getText()))
        .isEqualTo("Uses: direct (this registry's setting)");
    fxRun(() -> ((TextField) node("#urlField")).setText("https://127.0.0.1:5000"));
    fxRun(() -> ((TextField) node("#proxyField")).setText(""));
    assertThat(fx(() -> ((Label) node("#proxyInUseLabel")).getText())).isEqualTo("Uses: direct (loopback)");
    // Only the proxy's address is saved, never its credentials.
    fxRun(() -> ((TextField) node("#proxyField")).setText("http://user:pw@proxy.corp:3128"));
    fxRun(() -> ((javafx.scene.control.CheckBox) node("#plainHttpBox")).setSelected(true));
  }

  @Test
  void refusedPortIsSaidInWordsWithinASecond() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    open("https://127.0.0.1:" + port);
    long start = System.nanoTime();
    fxRun(() -> ((javafx.scene.control.Button) node("#connectButton")).fire());
    waitUntil("error shown", () -> !problem().isEmpty());
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1500);
    assertThat(problem()).isEqualTo("Cannot reach 127.0.0.1:" + port + ": connection refused");
    assertThat(fx(() -> dialog.isShowing())).isTrue();
  }

  @Test
  void checkRunsInTheBackgroundAndCancelStopsItLeavingTheDialogUsable() throws Exception {
    ServerSocket silent = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
    Thread t = new Thread(() -> {
      try (silent) {
        while (true) {
          Socket s = silent.accept();
          held.add(s);
          Thread d = new Thread(() -> {
            try (InputStream in = s.getInputStream()) {
              in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException ignored) {
              // closed
            }
          });
          d.setDaemon(true);
          d.start();
        }
      } catch (IOException closed) {
        // test over
      }
    });
    t.setDaemon(true);
    t.start();
    try {
      open("https://127.0.0.1:" + silent.getLocalPort());
      fxRun(() -> ((javafx.scene.control.Button) node("#connectButton")).fire());
      waitUntil("wait shown", () -> fx(() -> node("#checkingBox").isVisible()));
      assertThat(fx(() -> node("#connectButton").isDisabled())).isTrue();
      assertThat(fx(() -> node("#urlField").isDisabled())).isFalse();
      fxRun(() -> ((TextField) node("#nameField")).setText("typed while waiting"));
      assertThat(fx(() -> ((TextField) node("#nameField")).getText())).isEqualTo("typed while waiting");
      fxRun(() -> ((javafx.scene.control.Button) node("#cancelButton")).fire());
      waitUntil("wait hidden", () -> fx(() -> !node("#checkingBox").isVisible()));
      assertThat(fx(() -> dialog.isShowing())).isTrue();
      assertThat(fx(() -> node("#connectButton").isDisabled())).isFalse();
      // Cancel again (nothing running) closes the dialog without a connection.
      fxRun(() -> ((javafx.scene.control.Button) node("#cancelButton")).fire());
      waitUntil("closed", () -> fx(() -> !dialog.isShowing()));
      assertThat(fx(() -> dialog.getResult())).isEmpty();

      // With the time-out the user set, the same silent server is reported in words, in about that long.
      open("https://127.0.0.1:" + silent.getLocalPort());
      fxRun(() -> ((TextField) node("#timeoutField")).setText("ten"));
      assertThat(problem()).isEqualTo("The time-out is not a duration such as 500ms, 10s or 2m.");
      fxRun(() -> ((TextField) node("#timeoutField")).setText("1s"));
      long start = System.nanoTime();
      fxRun(() -> ((javafx.scene.control.Button) node("#connectButton")).fire());
      waitUntil("time-out shown", () -> !problem().isEmpty());
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(6000); // probe (at most 1s) + 1s, on a busy machine
      assertThat(problem()).isEqualTo("127.0.0.1:" + silent.getLocalPort()
          + " accepted the connection but sent no answer within 1s");
    } finally {
      silent.close();
    }
  }

  @Test
  void untrustedCertificateIsShownReadablyAndTheCaFileFixesIt() throws Exception {
    TestPki pki = TestPki.create(dir.resolve("pki"), "GUI Test CA");
    TestPki.Pair server = pki.server("gui-registry", "IP:127.0.0.1");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", PemFiles.privateKey(server.key()), new char[0],
        PemFiles.certificates(server.certificate()).toArray(new X509Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, new char[0]);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), null, null);
    // A tiny HTTPS server on loopback: it answers every request with 200, as a registry's /v2/ does.
    try (SSLServerSocket tls = (SSLServerSocket) ssl.getServerSocketFactory().createServerSocket(0, 20,
        InetAddress.getByName("127.0.0.1"))) {
      Thread accept = new Thread(() -> {
        while (!tls.isClosed()) {
          try {
            Socket s = tls.accept();
            held.add(s);
            Thread w = new Thread(() -> answerOk(s));
            w.setDaemon(true);
            w.start();
          } catch (IOException closed) {
            return;
          }
        }
      });
      accept.setDaemon(true);
      accept.start();
      int port = tls.getLocalPort();
      // A loopback registry that speaks TLS is verified like any other.
      open("https://127.0.0.1:" + port);
      fxRun(() -> ((javafx.scene.control.Button) node("#connectButton")).fire());
      waitUntil("certificate dialog", () -> fx(() -> Window.getWindows().stream()
          .anyMatch(w -> w.getScene() != null && w.getScene().lookup("#certificateDetails") != null)));
      String details = fx(() -> Window.getWindows().stream()
          .map(w -> w.getScene().lookup("#certificateDetails")).filter(n -> n != null).findFirst()
          .map(n -> ((TextArea) n).getText()).orElse(""));
      String fingerprint = TestImages.run("openssl", "x509", "-in", server.certificate().toString(), "-noout",
          "-fingerprint", "-sha256").strip();
      assertThat(details).contains("Subject: CN=gui-registry").contains("Issuer: CN=GUI Test CA")
          .contains("Valid from ").contains(fingerprint.substring(fingerprint.indexOf('=') + 1));
      assertThat(problem()).isEqualTo("The certificate of 127.0.0.1:" + port + " is not trusted:"
          + " issued by CN=GUI Test CA, not in the system store or the CA files given; use --tls-ca-cert or"
          + " certs.d");

      fxRun(() -> ((TextField) node("#caFileField")).setText(pki.caCertificate().toString()));
      assertThat(problem()).isEmpty();
      fxRun(() -> ((javafx.scene.control.Button) node("#connectButton")).fire());
      waitUntil("connected and closed", () -> fx(() -> !dialog.isShowing()));
      RegistryConnection c = fx(() -> dialog.getResult()).orElseThrow();
      assertThat(c.registry().caFile()).isEqualTo(pki.caCertificate().toString());
      assertThat(Files.exists(pki.caCertificate())).isTrue();
    }
  }

  private static void answerOk(Socket s) {
    try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
      java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(in,
          java.nio.charset.StandardCharsets.US_ASCII));
      while (true) {
        String line = r.readLine();
        if (line == null) {
          return;
        }
        if (line.isEmpty()) {
          out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          out.flush();
        }
      }
    } catch (IOException ignored) {
      // handshake refused or closed
    }
  }
}
