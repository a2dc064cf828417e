package dev.sociscope.app.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.app.model.RegistryConnection;
import dev.sociscope.app.settings.SavedRegistry;
import dev.sociscope.app.settings.SavedRegistry.AuthMode;
import org.junit.jupiter.api.Test;

class ConnectViewModelTest {

  @Test
  void validatesUrlPlainHttpAndSecrets() {
    ConnectViewModel vm = new ConnectViewModel(null);
    assertThat(vm.problemBinding().get()).isEqualTo("Enter the registry URL.");
    vm.urlProperty().set("http://127.0.0.1:5000");
    assertThat(vm.problemBinding().get()).contains("Allow plain HTTP");
    vm.allowPlainHttpProperty().set(true);
    assertThat(vm.problemBinding().get()).isEmpty();
    vm.authProperty().set(AuthMode.PASSWORD);
    assertThat(vm.problemBinding().get()).isEqualTo("Enter a user name.");
    vm.usernameProperty().set("alice");
    assertThat(vm.problemBinding().get()).isEqualTo("Enter the password.");
    vm.secretProperty().set("s3cret");
    assertThat(vm.problemBinding().get()).isEmpty();

    RegistryConnection c = vm.connection();
    assertThat(c.apiHost()).isEqualTo("127.0.0.1:5000");
    assertThat(c.secret()).isEqualTo("s3cret");
    assertThat(c.registry()).isEqualTo(new SavedRegistry("", "http://127.0.0.1:5000", AuthMode.PASSWORD, "alice", true));
    assertThat(c.toString()).doesNotContain("s3cret");
  }

  @Test
  void anonymousDropsWhateverWasTyped() {
    ConnectViewModel vm = new ConnectViewModel(new SavedRegistry("hub", "https://ghcr.io", AuthMode.TOKEN, "", false));
    vm.secretProperty().set("tok");
    assertThat(vm.connection().secret()).isEqualTo("tok");
    vm.authProperty().set(AuthMode.ANONYMOUS);
    assertThat(vm.connection().secret()).isEmpty();
    assertThat(vm.connection().apiHost()).isEqualTo("ghcr.io");
  }

  @Test
  void credentialsTypedIntoTheUrlBecomeTheSignInAndLeaveTheUrl() {
    ConnectViewModel vm = new ConnectViewModel(null);
    vm.urlProperty().set("https://alice:pa%3Ass@registry.example:5000");
    assertThat(vm.problemBinding().get()).isEmpty();
    RegistryConnection c = vm.connection();
    assertThat(c.registry().url()).isEqualTo("https://registry.example:5000");
    assertThat(c.registry().auth()).isEqualTo(AuthMode.PASSWORD);
    assertThat(c.registry().username()).isEqualTo("alice");
    assertThat(c.secret()).isEqualTo("pa:ss");
    assertThat(c.registry().toString()).doesNotContain("pa%3Ass").doesNotContain("pa:ss");
  }

  @Test
  void tlsFilesAndProxyAreKeptAsPathsAndAKeyNeedsItsCertificate() {
    ConnectViewModel vm = new ConnectViewModel(null);
    vm.urlProperty().set("https://registry.example");
    vm.clientKeyProperty().set("/home/u/client.key");
    assertThat(vm.problemBinding().get()).isEqualTo("Choose the client certificate that belongs to this key.");
    vm.clientCertProperty().set("/home/u/client.cert");
    vm.caFileProperty().set("/home/u/ca.pem");
    vm.proxyProperty().set("http://bob:hunter2@proxy.corp:3128");
    assertThat(vm.problemBinding().get()).isEmpty();
    SavedRegistry r = vm.connection().registry();
    assertThat(r.caFile()).isEqualTo("/home/u/ca.pem");
    assertThat(r.clientCert()).isEqualTo("/home/u/client.cert");
    assertThat(r.clientKey()).isEqualTo("/home/u/client.key");
    assertThat(r.proxy()).isEqualTo("http://proxy.corp:3128");
  }
}
