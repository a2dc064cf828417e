package dev.sociscope.app.cli;

import dev.sociscope.core.layout.ZtocCache;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * {@code java -jar sociscope.jar} runs with the class-data archive without being told (issue 15): Java 17 maps an
 * archive only when its command line names it, so a command line run that finds its archive in the cache folder
 * runs itself again in a JVM started with it: the second JVM costs 0.1-0.2 s, the archive saves 0.3-0.4 s on
 * commands that load the HTTP and JSON code (their classes are mapped, not loaded and verified from the jars). A run that finds none makes one in the background
 * when it is done ({@code sociscope cds}, about 3 s of CPU, once per build of the jar), so the next runs have it.
 *
 * <p>Only for {@code java -jar} on Linux (the JVM's own options are read from {@code /proc/self/cmdline}, so that
 * the second JVM gets them too); not for the installed package (its launcher names its archive), not when the
 * command line or {@code JDK_JAVA_OPTIONS} already names an archive, not for the GUI, and never when
 * {@code SOCISCOPE_CDS=off}.
 */
public final class JarClassData {
  /** {@code off}: neither run again with the archive nor make one. */
  static final String SWITCH = "SOCISCOPE_CDS";
  /** Set in the second JVM, which must not run itself again. */
  static final String RELAUNCHED = "sociscope.cds.relaunched";
  private static final String CMDLINE = "/proc/self/cmdline";
  /** A marker that an archive is being made, so that runs at the same time make one between them. */
  private static final String MAKING = ".making";
  private static final Duration MAKING_STALE = Duration.ofMinutes(10);
  /**
   * Commands whose classes are mostly the JDK's or picocli's (which Java 17 cannot archive): they save less than the
   * second JVM costs ({@code ztoc info} of a 5k-entry zTOC: 0.56 s in one JVM, 0.70 s in two).
   */
  static final Set<String> GAINS_LESS_THAN_IT_COSTS = Set.of("ztoc", "cache", "cds", "help", "--help", "-h");

  private JarClassData() {}

  /**
   * When this is a {@code java -jar} run whose archive exists: runs the same command in a JVM that maps it and gives
   * its exit code. Empty when this JVM should run the command itself.
   */
  public static OptionalInt relaunch(String[] args) {
    if (!worthASecondJvm(args)) {
      return OptionalInt.empty();
    }
    List<String> jvm = thisJvm();
    if (jvm == null) {
      return OptionalInt.empty();
    }
    Path archive = defaultArchive();
    if (!Files.isRegularFile(archive)) {
      return OptionalInt.empty();
    }
    List<String> cmd = relaunchCommand(jvm, archive, args);
    try {
      Process child = new ProcessBuilder(cmd).inheritIO().start();
      // Ctrl+C reaches both JVMs; a SIGTERM only this one: pass it on, and wait for the child's own clean-up
      Thread forward = new Thread("sociscope-cds-child") {
        @Override
        public void run() {
          child.destroy();
          try {
            child.waitFor(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      };
      Runtime.getRuntime().addShutdownHook(forward);
      int code = child.waitFor();
      Runtime.getRuntime().removeShutdownHook(forward);
      return OptionalInt.of(code);
    } catch (IOException e) {
      return OptionalInt.empty(); // could not start the second JVM: this one runs the command
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.of(SociscopeCommand.EXIT_USER_ERROR);
    }
  }

  static boolean worthASecondJvm(String[] args) {
    return args.length > 0 && !GAINS_LESS_THAN_IT_COSTS.contains(args[0]);
  }

  /**
   * After a {@code java -jar} run that found no archive: starts {@code sociscope cds} in the background (its output
   * discarded), unless another run is making one already.
   */
  public static void prepareNextRun() {
    List<String> jvm = thisJvm();
    if (jvm == null) {
      return;
    }
    Path archive = defaultArchive();
    if (Files.isRegularFile(archive)) {
      return;
    }
    try {
      Path making = archive.resolveSibling(MAKING);
      Files.createDirectories(making.getParent());
      if (Files.exists(making) && Files.getLastModifiedTime(making).toInstant()
          .isAfter(Instant.now().minus(MAKING_STALE))) {
        return;
      }
      Files.write(making, new byte[0]);
      Files.setLastModifiedTime(making, FileTime.from(Instant.now()));
      List<String> cmd = new ArrayList<>();
      cmd.add(jvm.get(0));
      cmd.add("-jar");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add("cds");
      new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException | RuntimeException e) {
      // only start-up time is lost: the next run tries again
    }
  }

  /** Removes the marker of an archive being made (the {@code cds} run that made it is done). */
  static void madeArchive(Path archive) {
    try {
      Files.deleteIfExists(archive.resolveSibling(MAKING));
    } catch (IOException e) {
      // it goes stale after ten minutes
    }
  }

  /**
   * The command line of this JVM when it is a {@code java -jar} run that may use an archive: the java executable
   * first, then this JVM's options, {@code -jar} and what follows. Null when it is not.
   */
  static List<String> thisJvm() {
    if ("off".equalsIgnoreCase(System.getenv(SWITCH)) || System.getProperty(RELAUNCHED) != null
        || System.getProperty("jpackage.app-path") != null) {
      return null;
    }
    String classPath = System.getProperty("java.class.path", "");
    if (!classPath.endsWith(".jar") || classPath.contains(File.pathSeparator)) {
      return null;
    }
    for (String env : List.of("JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS")) {
      if (namesArchive(System.getenv(env))) {
        return null;
      }
    }
    List<String> argv;
    try {
      byte[] raw; // FileInputStream: its classes are in the JDK's own archive, a file channel's are not
      try (java.io.FileInputStream in = new java.io.FileInputStream(CMDLINE)) {
        raw = in.readAllBytes();
      }
      argv = Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
    } catch (IOException | RuntimeException e) {
      return null; // not Linux
    }
    int jar = argv.indexOf("-jar");
    if (jar < 1) {
      return null;
    }
    for (String option : argv.subList(0, jar)) { // plain loops: no lambda or stream machinery in the first JVM
      if (namesArchive(option)) {
        return null;
      }
    }
    List<String> out = new ArrayList<>();
    out.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    out.addAll(argv.subList(1, jar));
    return out;
  }

  private static boolean namesArchive(String options) {
    if (options == null) {
      return false;
    }
    String o = options.toLowerCase(Locale.ROOT);
    return o.contains("sharedarchivefile") || o.contains("archiveclassesatexit") || o.contains("xshare");
  }

  /**
   * This JVM's command with the archive (its messages off: an archive of an older jar is ignored silently), the
   * C1-only options for short commands, and the mark that stops a third JVM.
   */
  static List<String> relaunchCommand(List<String> jvm, Path archive, String[] args) {
    List<String> cmd = new ArrayList<>(jvm);
    cmd.add("-XX:SharedArchiveFile=" + archive);
    cmd.add("-Xlog:cds*=off");
    if (ShortCommands.isShort(args)) {
      for (String option : CdsCommand.SHORT_RUN_OPTIONS.split(" ")) {
        if (!choosesAlready(jvm, option)) { // a second collector given would stop the JVM from starting
          cmd.add(option);
        }
      }
    }
    cmd.add("-D" + RELAUNCHED + "=1");
    cmd.add("-jar");
    cmd.add(System.getProperty("java.class.path"));
    cmd.addAll(Arrays.asList(args));
    return cmd;
  }

  /**
   * {@code $XDG_CACHE_HOME/sociscope/cds/sociscope-VERSION-javaVERSION-JARS.jsa}: one per version pair and build of
   * the jars ({@link #fingerprint}), since an archive is valid only for the jars it was made from. (Here, not in
   * {@link CdsCommand}: loading a picocli command class would cost the first JVM time.)
   */
  static Path defaultArchive() {
    return ZtocCache.defaultDir().resolve("cds").resolve(versionPrefix() + "-" + fingerprint() + ".jsa");
  }

  static String versionPrefix() {
    String java = System.getProperty("java.version").replaceAll("[^0-9A-Za-z.+-]", "_");
    String version = VersionProvider.version().replaceAll("[^0-9A-Za-z.+-]", "_");
    return "sociscope-" + version + "-java" + java;
  }

  /** Whether the user's options set what {@code option} would: the compiler's top level, or a garbage collector. */
  static boolean choosesAlready(List<String> jvm, String option) {
    for (String given : jvm.subList(1, jvm.size())) {
      boolean gc = given.startsWith("-XX:+Use") && given.endsWith("GC") && option.endsWith("GC");
      boolean sameFlag = given.startsWith("-XX:") && option.startsWith("-XX:")
          && given.split("=")[0].equals(option.split("=")[0]);
      if (gc || sameFlag) {
        return true;
      }
    }
    return false;
  }

  /** Part of an archive's name that changes with the jars: this one's path, size and time, and its lib folder's. */
  static String fingerprint() {
    return fingerprint(Path.of(System.getProperty("java.class.path", "")).toAbsolutePath());
  }

  static String fingerprint(Path jar) {
    CRC32 crc = new CRC32();
    StringBuilder sb = new StringBuilder(jar.toString());
    for (Path p : new Path[] {jar, jar.resolveSibling("lib")}) {
      try {
        sb.append('|').append(Files.size(p)).append('|').append(Files.getLastModifiedTime(p).toMillis());
      } catch (IOException | RuntimeException e) {
        sb.append("|-");
      }
    }
    crc.update(sb.toString().getBytes(StandardCharsets.UTF_8));
    return String.format(Locale.ROOT, "%08x", crc.getValue());
  }
}
