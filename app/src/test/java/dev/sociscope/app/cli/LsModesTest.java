package dev.sociscope.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sociscope.core.format.FileMode;
import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.layout.OciLayout;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.ztoc.EntryType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ls -l} shows setuid, setgid and sticky bits as the GUI does (both use core's FileMode), on a real image: a
 * gzip tar written with commons-compress into an OCI layout and indexed with {@code sociscope create}.
 */
class LsModesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  @Test
  void setuidSetgidAndStickyShowAsLsShowsThem() throws Exception {
    Path layout = tmp.resolve("layout");
    writeImage(layout, Map.of("usr/bin/su", 0104755, "usr/bin/wall", 0102755, "usr/bin/odd", 0106644,
        "usr/bin/plain", 0100644, "tmp/", 041777, "drop/", 041770));
    String ref = "oci:" + layout + ":modes";
    String cache = tmp.resolve("cache").toString();
    CliTestSupport.Result created = CliTestSupport.run("create", ref, "--min-layer-size", "0", "--span-size",
        "64KiB", "--push", "--cache-dir", cache);
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out()).contains("created soci index sha256:");

    CliTestSupport.Result bin = CliTestSupport.run("ls", ref, "/usr/bin", "-l", "--cache-dir", cache);
    assertThat(bin.exitCode()).as(bin.err()).isZero();
    assertThat(line(bin.out(), "su")).startsWith("-rwsr-xr-x ").startsWith(FileMode.ls(EntryType.REG, 04755));
    assertThat(line(bin.out(), "wall")).startsWith("-rwxr-sr-x ");
    assertThat(line(bin.out(), "odd")).startsWith("-rwSr-Sr-- ");
    assertThat(line(bin.out(), "plain")).startsWith("-rw-r--r-- ");
    // The layer column is a short digest as the GUI shows it: sha256: and 12 hex digits.
    assertThat(line(bin.out(), "su")).containsPattern(" sha256:[0-9a-f]{12} +su$");

    CliTestSupport.Result root = CliTestSupport.run("ls", ref, "/", "-l", "--cache-dir", cache);
    assertThat(root.exitCode()).as(root.err()).isZero();
    assertThat(line(root.out(), "tmp")).startsWith("drwxrwxrwt ");
    assertThat(line(root.out(), "drop")).startsWith("drwxrwx--T ");

    JsonNode json = JSON.readTree(CliTestSupport.run("ls", ref, "/usr/bin", "--json", "--cache-dir", cache).out());
    assertThat(json.findValuesAsText("mode")).contains("4755", "2755", "6644", "0644");
  }

  private static String line(String out, String name) {
    return out.lines().filter(l -> l.endsWith(" " + name)).findFirst()
        .orElseThrow(() -> new AssertionError("no line for " + name + " in:\n" + out));
  }

  /** One linux/amd64 image of one gzip layer holding {@code entries} (name to tar mode; a name ending in / is a dir). */
  private static void writeImage(Path dir, Map<String, Integer> entries) throws Exception {
    OciLayout layout = OciLayout.openOrCreate(dir);
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(tar)) {
      for (String name : List.copyOf(new java.util.TreeSet<>(entries.keySet()))) {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(entries.get(name));
        e.setModTime(0);
        byte[] data = name.endsWith("/") ? new byte[0] : ("#!/bin/sh\necho " + name + "\n")
            .getBytes(StandardCharsets.UTF_8);
        e.setSize(data.length);
        t.putArchiveEntry(e);
        t.write(data);
        t.closeArchiveEntry();
      }
    }
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(tar.toByteArray());
    }
    byte[] config = JSON.writeValueAsBytes(JSON.createObjectNode().put("architecture", "amd64").put("os", "linux"));
    ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2).put("mediaType", MediaType.OCI_MANIFEST);
    manifest.set("config", blob(layout, MediaType.OCI_CONFIG, config));
    manifest.putArray("layers").add(blob(layout, MediaType.OCI_LAYER_GZIP, gz.toByteArray()));
    layout.putManifest(OciDocument.parse(JSON.writeValueAsBytes(manifest)), "modes");
  }

  private static ObjectNode blob(OciLayout layout, String mediaType, byte[] bytes) throws Exception {
    Digest digest = Digest.of(bytes);
    layout.putBlob(digest, BlobContent.ofBytes(bytes));
    return JSON.createObjectNode().put("mediaType", mediaType).put("digest", digest.toString())
        .put("size", bytes.length);
  }
}
