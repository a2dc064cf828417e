package dev.sociscope.app.connect;

import dev.sociscope.app.common.Messages;
import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.settings.SavedRegistry;
import dev.sociscope.app.settings.SavedRegistry.AuthMode;
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
  private final StringBinding problem;

  public ConnectViewModel(SavedRegistry prefill) {
    if (prefill != null) {
      name.set(prefill.name());
      url.set(prefill.url());
      auth.set(prefill.auth());
      username.set(prefill.username());
      allowPlainHttp.set(prefill.allowPlainHttp());
    }
    problem = Bindings.createStringBinding(this::validate, url, auth, username, secret, allowPlainHttp);
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
    if ((auth.get() == AuthMode.PASSWORD || auth.get() == AuthMode.TOKEN) && secret.get().isEmpty()) {
      return Messages.get(auth.get() == AuthMode.TOKEN ? "connect.problem.token" : "connect.problem.password");
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

  public RegistryConnection connection() {
    String u = url.get().strip();
    boolean needsUser = auth.get() == AuthMode.PASSWORD;
    boolean needsSecret = needsUser || auth.get() == AuthMode.TOKEN;
    SavedRegistry saved = new SavedRegistry(name.get().strip(), u, auth.get(), needsUser ? username.get().strip() : "",
        allowPlainHttp.get());
    return new RegistryConnection(saved, needsSecret ? secret.get() : "");
  }
}
