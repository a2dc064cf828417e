package dev.sociscope.app.cli;

import dev.sociscope.core.io.TempFiles;
import dev.sociscope.core.layout.ZtocCache;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sociscope cds}: makes a class-data-sharing archive of the classes a CLI run loads, so that later runs map
 * them instead of loading and verifying them from the jars (Java 17 has no {@code -XX:+AutoCreateSharedArchive}; that
 * is Java 19). A second JVM runs a training workload ({@code --train}: help, a demo image written, inspected, listed
 * and read, a zTOC shown, a registry request) with {@code -XX:ArchiveClassesAtExit}. The installed package makes
 * its archive this way when it is installed and its launcher uses it; {@code java -jar} runs on Linux use it by
 * themselves ({@link JarClassData}), elsewhere through {@code JDK_JAVA_OPTIONS}, as the command prints.
 */
@Command(name = "cds", mixinStandardHelpOptions = true,
    description = {"Make a class-data-sharing archive so that later runs start faster, and print how to use it.",
        "For java -jar: the archive goes to $XDG_CACHE_HOME/sociscope (else ~/.cache/sociscope). On Linux, java -jar"
            + " runs use it by themselves, and the first run of a new jar makes it in the background"
            + " (SOCISCOPE_CDS=off: neither); elsewhere use it with JDK_JAVA_OPTIONS as printed. The installed package"
            + " makes its own when it is installed."})
final class CdsCommand implements Callable<Integer> {
  /** JVM options for short commands: C1 only (no C2 compile threads competing for the CPU), the serial GC. */
  static final String SHORT_RUN_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--archive", paramLabel = "FILE", description = "Where to write the archive (default: in the cache"
      + " folder, named after the version and the Java runtime).")
  Path archive;

  @Option(names = "--train", hidden = true, description = "Run the training workload (in the archiving JVM).")
  boolean train;

  @Override
  public Integer call() throws Exception {
    if (train) {
      train();
      return SociscopeCommand.EXIT_OK;
    }
    PrintWriter out = spec.commandLine().getOut();
    Path target = archive != null ? archive : JarClassData.defaultArchive();
    try {
      return make(out, target);
    } finally {
      if (archive == null) {
        JarClassData.madeArchive(target);
      }
    }
  }

  private Integer make(PrintWriter out, Path target) throws Exception {
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".sociscope-cds-", ".jsa");
    Files.delete(tmp); // the JVM writes it anew
    try {
      List<String> cmd = archivingCommand(tmp);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IOException("the training run for the class-data archive did not end within 5 minutes");
      }
      if (p.exitValue() != 0 || !Files.isRegularFile(tmp)) {
        throw new IOException("the training run for the class-data archive failed (exit " + p.exitValue()
            + "); run '" + String.join(" ", cmd) + "' to see why");
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    if (archive == null) {
      removeOlderBuilds(target);
    }
    out.printf("class-data archive: %s (%,d bytes)%n", target, Files.size(target));
    if (archive == null) {
      out.println("java -jar runs of this jar use it by themselves on Linux (SOCISCOPE_CDS=off: never); elsewhere:");
    } else {
      out.println("use it for java -jar runs (the jar's path must stay the same):");
    }
    out.println("  export JDK_JAVA_OPTIONS=\"-XX:SharedArchiveFile=" + target + " " + SHORT_RUN_OPTIONS + "\"");
    out.flush();
    return SociscopeCommand.EXIT_OK;
  }

  /** Archives of earlier builds of the same version (about 18 MB each) go when a new one is made. */
  private static void removeOlderBuilds(Path made) throws IOException {
    String prefix = JarClassData.versionPrefix() + "-";
    try (Stream<Path> files = Files.list(made.getParent())) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (name.startsWith(prefix) && name.endsWith(".jsa") && !f.equals(made)) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  /**
   * The same program, started the way this one was (jpackage launcher or {@code java -jar}), archiving at exit. The
   * archive is valid only for the same class path, so {@code -jar} is kept as it is.
   */
  static List<String> archivingCommand(Path archive) throws IOException {
    List<String> cmd = new ArrayList<>();
    String appPath = System.getProperty("jpackage.app-path");
    if (appPath != null) {
      throw new IOException("the installed package makes its class-data archive when it is installed;"
          + " reinstall it to make it again");
    }
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:ArchiveClassesAtExit=" + archive);
    String classPath = System.getProperty("java.class.path");
    if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
      cmd.add("-jar");
      cmd.add(classPath);
    } else {
      cmd.add("-cp");
      cmd.add(classPath);
      cmd.add("dev.sociscope.app.Launcher");
    }
    cmd.add("cds");
    cmd.add("--train");
    return cmd;
  }

  /** What a typical CLI session loads, in one process; its output goes nowhere. */
  static void train() throws IOException {
    Path work = TempFiles.createDirectory("sociscope-cds-");
    try {
      PrintWriter sink = new PrintWriter(new StringWriter());
      Path layout = work.resolve("demo");
      String oci = "oci:" + layout;
      SociscopeCommand.run(sink, sink, "--help");
      SociscopeCommand.run(sink, sink, "--version");
      SociscopeCommand.run(sink, sink, "demo", layout.toString());
      SociscopeCommand.run(sink, sink, "inspect", oci + ":demo");
      SociscopeCommand.run(sink, sink, "inspect", "--json", oci + ":demo");
      SociscopeCommand.run(sink, sink, "index", "list", oci + ":demo");
      SociscopeCommand.run(sink, sink, "ls", "-l", oci + ":demo", "/");
      // one file read twice: the first run makes the zTOC lookup files, the second reads through them
      String cache = work.resolve("cache").toString();
      for (int i = 0; i < 2; i++) {
        SociscopeCommand.run(sink, sink, "get", "--cache-dir", cache, "-o", work.resolve("numbers.txt").toString(),
            oci + ":demo", "/data/numbers.txt");
      }
      try (Stream<Path> blobs = Files.list(layout.resolve("blobs/sha256"))) {
        for (Path blob : blobs.sorted(Comparator.comparingLong(CdsCommand::size)).toList()) {
          SociscopeCommand.run(sink, sink, "ztoc", "info", blob.toString()); // errors for non-zTOCs load those paths
        }
      }
      // the HTTP stack, against a loopback server that knows no image (one request, a typed "not found")
      try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
        Thread answering = new Thread(() -> answerNotFound(server), "cds-training-registry");
        answering.setDaemon(true);
        answering.start();
        SociscopeCommand.run(sink, sink, "inspect", "127.0.0.1:" + server.getLocalPort() + "/cds/training:1");
      }
    } finally {
      TempFiles.delete(work);
    }
  }

  /** Answers every request with a registry's 404 until the socket is closed. */
  static void answerNotFound(ServerSocket server) {
    byte[] body = "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}"
        .getBytes(StandardCharsets.US_ASCII);
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        s.setSoTimeout(5000);
        java.io.InputStream in = s.getInputStream();
        int matched = 0;
        while (matched < 4) { // up to the blank line, and not a byte further (the client sends no more)
          int b = in.read();
          if (b < 0) {
            break;
          }
          matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String head = "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: " + body.length
            + "\r\nConnection: close\r\n\r\n";
        s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().write(body);
      } catch (IOException e) {
        // closed at the end of training, or a client that went away: nothing to do
      }
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }
}
