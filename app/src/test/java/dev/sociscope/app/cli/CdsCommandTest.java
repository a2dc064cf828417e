package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code sociscope cds}: where the archive goes and how the archiving JVM is started. (Making an archive takes a
 * JVM run of a minute on a loaded machine; installers/check-deb.sh checks the installed package's archive.)
 */
class CdsCommandTest {
  @Test
  void theArchiveIsInTheCacheFolderNamedAfterBothVersions() {
    Path p = JarClassData.defaultArchive();
    assertThat(p.getParent().getFileName().toString()).isEqualTo("cds");
    assertThat(p.getParent().getParent().getFileName().toString()).isEqualTo("sociscope");
    assertThat(p.getFileName().toString()).startsWith("sociscope-")
        .contains("-java" + System.getProperty("java.version")).endsWith(".jsa");
  }

  @Test
  void theArchivingRunIsThisProgramWithArchiveClassesAtExit() throws Exception {
    List<String> cmd = CdsCommand.archivingCommand(Path.of("/tmp/x.jsa"));
    assertThat(cmd.get(0)).endsWith("/bin/java");
    assertThat(cmd).contains("-XX:ArchiveClassesAtExit=/tmp/x.jsa");
    assertThat(cmd.subList(cmd.size() - 2, cmd.size())).containsExactly("cds", "--train");
    assertThat(cmd).containsAnyOf("-jar", "dev.sociscope.app.Launcher");
  }

  /**
   * The training's stand-in registry answers as soon as a request's header ends (it once read one byte more and
   * held every request for its 5 s time-out, so making an archive, at install too, took 40 s instead of 3).
   */
  @Test
  void theTrainingRegistryAnswersWhenTheHeaderEnds() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      Thread answering = new Thread(() -> CdsCommand.answerNotFound(server));
      answering.setDaemon(true);
      answering.start();
      try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
        client.setSoTimeout(2000); // less than the server's 5 s: a late answer fails here
        client.getOutputStream().write("GET /v2/ HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String status = new String(client.getInputStream().readNBytes(22), StandardCharsets.US_ASCII);
        assertThat(status).isEqualTo("HTTP/1.1 404 Not Found");
      }
    }
  }
}
