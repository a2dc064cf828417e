package dev.sociscope.app.connect;

import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.settings.SavedRegistry;
import dev.sociscope.core.registry.auth.DockerConfigCredentials;
import dev.sociscope.core.registry.auth.DockerLogin;
import java.io.IOException;

/** "Remember" in the Connect dialog: the password goes where docker login puts it, never into the settings. */
final class DockerCredentials {
  private DockerCredentials() {}

  /** Stores the connection's password and returns the same registry signed in by Docker credentials. */
  static RegistryConnection remember(RegistryConnection c) throws IOException {
    SavedRegistry r = c.registry();
    DockerLogin.store(DockerConfigCredentials.fromEnvironment(), c.apiHost(), r.username(), c.secret());
    SavedRegistry docker = new SavedRegistry(r.name(), r.url(), SavedRegistry.AuthMode.DOCKER_CREDENTIALS, "",
        r.allowPlainHttp(), r.caFile(), r.clientCert(), r.clientKey(), r.proxy(), r.timeout());
    return new RegistryConnection(docker, "");
  }
}
