package dev.sociscope.core.workflow;

import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.layout.OciLayout;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.ImageManifest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.OciFormatException;
import dev.sociscope.core.oci.OciJson;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.soci.SociBuildException;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.SociVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A small, deterministic demo image for first starts: an OCI layout with a three-layer linux/amd64 image
 * ({@code demo}) that has a SOCI v1 index (listed under its fallback tag), and the SOCI-enabled v2 image made from it
 * ({@code demo-soci}).
 *
 * <ul>
 *   <li>layer 0 (small, not indexed): {@code etc/os-release}, {@code etc/motd}, {@code usr/local/bin/hello.sh},
 *       {@code README.txt}, a symlink and a hardlink</li>
 *   <li>layer 1 (about 13 MiB, indexed, 1 MiB spans): {@code data/random.bin} (12 MiB from a fixed seed) and
 *       {@code data/numbers.txt} (compressible text)</li>
 *   <li>layer 2 (small): {@code app/config.json}, a whiteout {@code .wh.README.txt} and an opaque directory</li>
 * </ul>
 *
 * <p>Run {@code java -cp sociscope-core.jar dev.sociscope.core.workflow.DemoImage DIR} or call
 * {@link #write(Path)}; the GUI opens {@code oci:DIR:demo} and {@code oci:DIR:demo-soci}.
 */
public final class DemoImage {
  public static final String TAG = "demo";
  public static final String SOCI_TAG = "demo-soci";
  /** Span size of the demo indexes: small, so the span map has something to show. */
  public static final long SPAN_SIZE = 1 << 20;
  private static final long SEED = 20240611L;
  private static final long MTIME = 1_700_000_000L;

  /** What was written. */
  public record Result(Path layout, String imageRef, String sociEnabledRef, Digest imageManifest,
      Digest v1Index, Digest sociEnabledIndex) {}

  private DemoImage() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: DemoImage DIR");
      System.exit(2);
    }
    Result r = write(Path.of(args[0]));
    System.out.println(r.imageRef() + " (SOCI v1 index " + r.v1Index() + ")");
    System.out.println(r.sociEnabledRef() + " (SOCI-enabled image " + r.sociEnabledIndex() + ")");
  }

  /** Writes (or rewrites) the demo layout into {@code folder}; the same bytes every time. */
  public static Result write(Path folder) throws IOException {
    OciLayout store = OciLayout.openOrCreate(folder);
    List<Descriptor> layers = new ArrayList<>();
    List<String> diffIds = new ArrayList<>();
    for (byte[] tar : List.of(baseLayer(), dataLayer(), appLayer())) {
      byte[] gz = gzip(tar);
      Digest d = Digest.of(gz);
      store.putBlob(d, BlobContent.ofBytes(gz));
      layers.add(Descriptor.of(MediaType.OCI_LAYER_GZIP, d, gz.length));
      diffIds.add(Digest.of(tar).toString());
    }
    String config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"/usr/local/bin/hello.sh\"],"
        + "\"Env\":[\"PATH=/usr/local/bin:/usr/bin:/bin\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
        + String.join("\",\"", diffIds) + "\"]}}";
    byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
    Digest configDigest = Digest.of(configBytes);
    store.putBlob(configDigest, BlobContent.ofBytes(configBytes));
    ImageManifest manifest = new ImageManifest(2, MediaType.OCI_MANIFEST, "",
        Descriptor.of(MediaType.OCI_CONFIG, configDigest, configBytes.length), layers, null,
        Map.of("org.opencontainers.image.title", "sociscope demo"), Map.of());
    OciDocument doc;
    try {
      doc = OciDocument.parse(OciJson.write(manifest), MediaType.OCI_MANIFEST);
    } catch (OciFormatException e) {
      throw new IllegalStateException(e);
    }
    store.putManifest(doc, TAG);

    Path cacheDir = dev.sociscope.core.io.TempFiles.createDirectory("sociscope-demo-");
    try {
      SociService soci = new SociService(RegistryClient.builder().build(), new ZtocCache(cacheDir), 2);
      SociIndexOptions options = SociIndexOptions.defaults(SociVersion.V1).withSpanSize(SPAN_SIZE);
      String ref = "oci:" + folder + ":" + TAG;
      SociService.CreateOutcome created = soci.create(ref, SociService.CreateRequest.defaults()
          .withOptions(options).pushing(true), CreateListener.NONE, null);
      ConvertResult converted = soci.convert(ref, "oci:" + folder + ":" + SOCI_TAG,
          ImageResolver.PlatformSelection.DEFAULT, options, false, CreateListener.NONE, null);
      return new Result(folder, ref, "oci:" + folder + ":" + SOCI_TAG, doc.digest(),
          created.created().get(0).build().digest(), converted.conversion().indexDigest());
    } catch (SociBuildException e) {
      throw new IOException("demo image: " + e.getMessage(), e);
    } finally {
      dev.sociscope.core.io.TempFiles.delete(cacheDir);
    }
  }

  private static byte[] baseLayer() throws IOException {
    Tar t = new Tar();
    t.dir("etc/");
    t.file("etc/os-release", "NAME=\"sociscope demo\"\nID=sociscope\nVERSION_ID=1\n", 0644);
    t.file("etc/motd", "Welcome to the sociscope demo image.\nEvery file here can be read lazily.\n", 0644);
    t.dir("usr/");
    t.dir("usr/local/");
    t.dir("usr/local/bin/");
    t.file("usr/local/bin/hello.sh", "#!/bin/sh\n# Prints a greeting and the size of the data file.\n"
        + "echo \"hello from $(cat /etc/os-release | head -n1)\"\nwc -c /data/random.bin\n", 0755);
    t.file("README.txt", "This file is deleted by a whiteout in the top layer.\n", 0644);
    t.symlink("usr/local/bin/hello", "hello.sh");
    t.hardlink("etc/motd.link", "etc/motd");
    t.dir("var/");
    t.dir("var/cache/");
    t.file("var/cache/old.txt", "hidden by an opaque directory in the top layer\n", 0644);
    return t.finish();
  }

  private static byte[] dataLayer() throws IOException {
    Tar t = new Tar();
    t.dir("data/");
    byte[] random = new byte[12 << 20];
    SplittableRandom rnd = new SplittableRandom(SEED);
    for (int i = 0; i < random.length; i += 8) {
      long v = rnd.nextLong();
      for (int k = 0; k < 8; k++) {
        random[i + k] = (byte) (v >>> (8 * k));
      }
    }
    t.file("data/random.bin", random, 0644);
    StringBuilder numbers = new StringBuilder();
    for (int i = 0; i < 200_000; i++) {
      numbers.append(i).append(i % 15 == 0 ? " fizzbuzz" : i % 5 == 0 ? " buzz" : i % 3 == 0 ? " fizz" : "")
          .append('\n');
    }
    t.file("data/numbers.txt", numbers.toString(), 0644);
    return t.finish();
  }

  private static byte[] appLayer() throws IOException {
    Tar t = new Tar();
    t.dir("app/");
    t.file("app/config.json", "{\"greeting\":\"hello\",\"lazy\":true}\n", 0644);
    t.file(".wh.README.txt", "", 0644);
    t.dir("var/cache/");
    t.file("var/cache/.wh..wh..opq", "", 0644);
    t.file("var/cache/new.txt", "the only file left in /var/cache\n", 0644);
    return t.finish();
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  /** A deterministic tar writer (fixed owner and time). */
  private static final class Tar {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, "UTF-8");

    Tar() {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    }

    private TarArchiveEntry entry(String name, byte type) {
      TarArchiveEntry e = new TarArchiveEntry(name, type);
      e.setUserId(0);
      e.setGroupId(0);
      e.setUserName("root");
      e.setGroupName("root");
      e.setModTime(MTIME * 1000);
      return e;
    }

    void dir(String name) throws IOException {
      TarArchiveEntry e = entry(name, TarConstants.LF_DIR);
      e.setMode(040755);
      tar.putArchiveEntry(e);
      tar.closeArchiveEntry();
    }

    void file(String name, String content, int mode) throws IOException {
      file(name, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    void file(String name, byte[] content, int mode) throws IOException {
      TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL);
      e.setMode(0100000 | mode);
      e.setSize(content.length);
      tar.putArchiveEntry(e);
      tar.write(content);
      tar.closeArchiveEntry();
    }

    void symlink(String name, String target) throws IOException {
      TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK);
      e.setMode(0120777);
      e.setLinkName(target);
      tar.putArchiveEntry(e);
      tar.closeArchiveEntry();
    }

    void hardlink(String name, String target) throws IOException {
      TarArchiveEntry e = entry(name, TarConstants.LF_LINK);
      e.setMode(0100644);
      e.setLinkName(target);
      tar.putArchiveEntry(e);
      tar.closeArchiveEntry();
    }

    byte[] finish() throws IOException {
      tar.finish();
      tar.close();
      return bytes.toByteArray();
    }
  }
}
