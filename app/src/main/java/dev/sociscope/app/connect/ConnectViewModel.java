package dev.sociscope.app.connect;

import dev.sociscope.app.common.Messages;
import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.settings.SavedRegistry;
import dev.sociscope.app.settings.SavedRegistry.AuthMode;
import dev.sociscope.core.error.InvalidRequestException;
import dev.sociscope.core.registry.transport.Durations;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The fields of the connection dialog, their validation, and the connection they describe. */
public final class ConnectViewModel {
  private final StringProperty name = new SimpleStringProperty("");
  private final StringProperty url = new SimpleStringProperty("https://");
  private final ObjectProperty<AuthMode> auth = new SimpleObjectProperty<>(AuthMode.ANONYMOUS);
  private final StringProperty username = new SimpleStringProperty("");
  private final StringProperty secret = new SimpleStringProperty("");
  private final BooleanProperty allowPlainHttp = new SimpleBooleanProperty(false);
  private final StringProperty caFile = new SimpleStringProperty("");
  private final StringProperty clientCert = new SimpleStringProperty("");
  private final StringProperty clientKey = new SimpleStringProperty("");
  private final StringProperty proxy = new SimpleStringProperty("");
  private final StringProperty timeout = new SimpleStringProperty("");
  private final StringProperty proxyInUse = new SimpleStringProperty("");
  private final BooleanProperty rememberInDocker = new SimpleBooleanProperty(false);
  private final BooleanProperty checking = new SimpleBooleanProperty(false);
  private final StringProperty checkFailure = new SimpleStringProperty("");
  private final StringBinding problem;

  public ConnectViewModel(SavedRegistry prefill) {
    if (prefill != null) {
      name.set(prefill.name());
      url.set(prefill.url());
      auth.set(prefill.auth());
      username.set(prefill.username());
      allowPlainHttp.set(prefill.allowPlainHttp());
      caFile.set(prefill.caFile());
      clientCert.set(prefill.clientCert());
      clientKey.set(prefill.clientKey());
      proxy.set(prefill.proxy());
      timeout.set(prefill.timeout());
    }
    problem = Bindings.createStringBinding(this::validate, url, auth, username, secret, allowPlainHttp, clientCert,
        clientKey, timeout);
    // A new answer is needed once the form changes.
    for (javafx.beans.Observable o : new javafx.beans.Observable[] {url, auth, username, secret, allowPlainHttp,
        caFile, clientCert, clientKey, proxy, timeout}) {
      o.addListener(x -> checkFailure.set(""));
    }
  }

  private String validate() {
    String u = url.get() == null ? "" : url.get().strip();
    if (u.isEmpty() || u.equals("https://") || u.equals("http://")) {
      return Messages.get("connect.problem.url");
    }
    try {
      new RegistryConnection(new SavedRegistry("", u, AuthMode.ANONYMOUS, "", true), "").apiHost();
    } catch (IllegalArgumentException e) {
      return Messages.get("connect.problem.url");
    }
    if (u.toLowerCase(Locale.ROOT).startsWith("http://") && !allowPlainHttp.get()) {
      return Messages.get("connect.problem.plainHttp");
    }
    if (auth.get() == AuthMode.PASSWORD && username.get().isBlank()) {
      return Messages.get("connect.problem.username");
    }
    if ((auth.get() == AuthMode.PASSWORD || auth.get() == AuthMode.TOKEN) && secret.get().isEmpty()
        && SavedRegistry.userInfo(u) == null) {
      return Messages.get(auth.get() == AuthMode.TOKEN ? "connect.problem.token" : "connect.problem.password");
    }
    if (!timeout.get().isBlank()) {
      try {
        Durations.parse(timeout.get());
      } catch (InvalidRequestException e) {
        return Messages.get("connect.problem.timeout");
      }
    }
    if (clientCert.get().isBlank() != clientKey.get().isBlank()) {
      return Messages.get(clientCert.get().isBlank() ? "connect.problem.clientCert" : "connect.problem.clientKey");
    }
    return "";
  }

  public StringProperty nameProperty() {
    return name;
  }

  public StringProperty urlProperty() {
    return url;
  }

  public ObjectProperty<AuthMode> authProperty() {
    return auth;
  }

  public StringProperty usernameProperty() {
    return username;
  }

  public StringProperty secretProperty() {
    return secret;
  }

  public BooleanProperty allowPlainHttpProperty() {
    return allowPlainHttp;
  }

  /** Why the form cannot be submitted yet, or empty. */
  public StringBinding problemBinding() {
    return problem;
  }

  public StringProperty caFileProperty() {
    return caFile;
  }

  public StringProperty clientCertProperty() {
    return clientCert;
  }

  public StringProperty clientKeyProperty() {
    return clientKey;
  }

  /** Empty to follow HTTPS_PROXY/NO_PROXY, {@code direct}, or a proxy URL. */
  public StringProperty proxyProperty() {
    return proxy;
  }

  /** The longest wait for a connection or an answer, e.g. {@code 10s}; empty for the defaults. */
  public StringProperty timeoutProperty() {
    return timeout;
  }

  /** Which proxy the connection would take and why, as the service says. */
  public StringProperty proxyInUseProperty() {
    return proxyInUse;
  }

  /** Store the password where {@code docker login} does instead of keeping it for this session only. */
  public BooleanProperty rememberInDockerProperty() {
    return rememberInDocker;
  }

  /** Whether the connection check is running (the form stays usable; Cancel stops the check). */
  public BooleanProperty checkingProperty() {
    return checking;
  }

  /** Why the last check failed, in one sentence; cleared when the form changes. */
  public StringProperty checkFailureProperty() {
    return checkFailure;
  }

  /**
   * The connection the form describes. A {@code user:password@} typed into the URL becomes the user name and
   * password (sign-in by password) and never stays in the URL, which is saved.
   */
  public RegistryConnection connection() {
    String u = url.get().strip();
    String[] typed = SavedRegistry.userInfo(u);
    AuthMode mode = auth.get();
    String user = username.get().strip();
    String pass = secret.get();
    if (typed != null) {
      u = SavedRegistry.withoutUserInfo(u);
      if (mode == AuthMode.ANONYMOUS || mode == AuthMode.PASSWORD) {
        mode = AuthMode.PASSWORD;
        user = user.isEmpty() ? decode(typed[0]) : user;
        pass = pass.isEmpty() ? decode(typed[1]) : pass;
      }
    }
    boolean needsUser = mode == AuthMode.PASSWORD;
    boolean needsSecret = needsUser || mode == AuthMode.TOKEN;
    SavedRegistry saved = new SavedRegistry(name.get().strip(), u, mode, needsUser ? user : "",
        allowPlainHttp.get(), caFile.get(), clientCert.get(), clientKey.get(), proxy.get(), timeout.get());
    return new RegistryConnection(saved, needsSecret ? pass : "");
  }

  private static String decode(String s) {
    return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
  }
}
