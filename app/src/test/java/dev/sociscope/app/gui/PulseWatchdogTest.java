package dev.sociscope.app.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** The watchdog must see a blocked FX thread (else the GUI tests' "never blocked" checks prove nothing). */
class PulseWatchdogTest {

  @BeforeAll
  static void startToolkit() throws Exception {
    FxToolkit.registerPrimaryStage();
  }

  @Test
  void aSleepOnTheFxThreadCountsAsBusyButNotAsCpu() throws Exception {
    try (PulseWatchdog watchdog = new PulseWatchdog()) {
      Thread.sleep(200); // let it learn the FX thread and take a few idle pings
      CountDownLatch done = new CountDownLatch(1);
      Platform.runLater(() -> {
        try {
          Thread.sleep(300); // stands for blocking I/O on the FX thread
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        done.countDown();
      });
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(100);
      assertThat(watchdog.worstBusyMillis()).as(watchdog.describe()).isGreaterThanOrEqualTo(200);
      assertThat(watchdog.worstCpuMillis()).as(watchdog.describe()).isLessThan(100);
    }
  }

  @Test
  void aBlockingSocketReadOnTheFxThreadCountsAsBusy() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        Socket accepted = server.accept();
        PulseWatchdog watchdog = new PulseWatchdog()) {
      Thread.sleep(200);
      CountDownLatch done = new CountDownLatch(1);
      Platform.runLater(() -> {
        try {
          client.getInputStream().read(); // blocks until the server writes, as a network call would
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } finally {
          done.countDown();
        }
      });
      Thread.sleep(300);
      accepted.getOutputStream().write(1);
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(100);
      assertThat(watchdog.worstBusyMillis()).as(watchdog.describe()).isGreaterThanOrEqualTo(200);
    }
  }

  @Test
  void anIdleFxThreadIsNotBusy() throws Exception {
    try (PulseWatchdog watchdog = new PulseWatchdog()) {
      Thread.sleep(500);
      assertThat(watchdog.pings()).isPositive();
      assertThat(watchdog.worstBusyMillis()).as(watchdog.describe()).isLessThan(50);
    }
  }
}
