package dev.sociscope.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.image.BlobContent;
import dev.sociscope.core.layout.OciLayout;
import dev.sociscope.core.layout.ZtocCache;
import dev.sociscope.core.oci.Descriptor;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.oci.ImageManifest;
import dev.sociscope.core.oci.MediaType;
import dev.sociscope.core.oci.OciDocument;
import dev.sociscope.core.oci.OciJson;
import dev.sociscope.core.registry.RegistryClient;
import dev.sociscope.core.soci.SociIndexOptions;
import dev.sociscope.core.soci.SociVersion;
import dev.sociscope.core.workflow.CreateListener;
import dev.sociscope.core.workflow.ImageResolver;
import dev.sociscope.core.workflow.SociService;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.lookup.LookupFile;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import dev.sociscope.core.layout.CacheWrites;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads of one file of a three-layer image whose layers all have zTOCs: resolved top-down through the cached
 * lookup files, they give what the merged tree shows (whiteouts, an opaque directory, files and a symlink replacing
 * directories, hard links), open no layer below the one that decides, and survive a corrupt lookup file.
 */
class TopDownReadTest {
  @TempDir Path tmp;
  private SociService soci;
  private String ref;

  @BeforeEach
  void image() throws Exception {
    Path layout = tmp.resolve("layout");
    OciLayout store = OciLayout.openOrCreate(layout);
    List<Descriptor> layers = new ArrayList<>();
    List<String> diffIds = new ArrayList<>();
    List<byte[]> tars = List.of(
        tar(t -> {
          t.dir("etc/");
          t.file("etc/a", "low a");
          t.file("etc/sub/b", "b");
          t.file("app/x", "x");
          t.file("srv/data/x", "x");
          t.file("keep/y", "kept");
          t.file("hard/target", "target data");
          t.link("hard/link", "hard/target", TarConstants.LF_LINK);
          t.file("lnk/f", "f");
        }),
        tar(t -> {
          t.file("etc/.wh.sub", "");
          t.file("app/.wh..wh..opq", "");
          t.file("app/new", "new");
          t.file("srv/data", "now a file");
          t.link("lnk", "keep", TarConstants.LF_SYMLINK);
        }),
        tar(t -> {
          t.file("etc/a", "upper a");
          t.file("top", "top file");
          t.link("top-link", "top", TarConstants.LF_LINK);
          t.file("top", "top file, second copy");
        }));
    for (byte[] tar : tars) {
      ByteArrayOutputStream gz = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
        out.write(tar);
      }
      Digest d = Digest.of(gz.toByteArray());
      store.putBlob(d, BlobContent.ofBytes(gz.toByteArray()));
      layers.add(Descriptor.of(MediaType.OCI_LAYER_GZIP, d, gz.size()));
      diffIds.add(Digest.of(tar).toString());
    }
    byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
        + String.join("\",\"", diffIds) + "\"]}}").getBytes(StandardCharsets.UTF_8);
    store.putBlob(Digest.of(config), BlobContent.ofBytes(config));
    ImageManifest manifest = new ImageManifest(2, MediaType.OCI_MANIFEST, "",
        Descriptor.of(MediaType.OCI_CONFIG, Digest.of(config), config.length), layers, null, Map.of(), Map.of());
    store.putManifest(OciDocument.parse(OciJson.write(manifest), MediaType.OCI_MANIFEST), "t");
    ref = "oci:" + layout + ":t";
    soci = new SociService(RegistryClient.builder().build(), new ZtocCache(tmp.resolve("cache")), 1);
    SociIndexOptions options = SociIndexOptions.defaults(SociVersion.V1).withMinLayerSize(0).withSpanSize(1 << 16);
    soci.create(ref, SociService.CreateRequest.defaults().withOptions(options).pushing(true), CreateListener.NONE,
        null);
  }

  private ImageFiles fresh() throws IOException {
    return soci.files(ref, ImageResolver.PlatformSelection.DEFAULT, null);
  }

  private static String read(ImageFiles files, String path) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      files.read(path, out, false);
    } finally {
      assertThat(CacheWrites.await(Duration.ofSeconds(30))).isTrue(); // lookup files are written after the answer
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void readsThroughLookupFilesGiveWhatTheMergedTreeShows() throws Exception {
    ImageFiles parsed = fresh();
    ImageTree tree = parsed.tree(false); // parses every zTOC, which stores their lookup files
    assertThat(CacheWrites.await(Duration.ofSeconds(30))).isTrue(); // they are written after the answer
    for (ImageFiles.Layer l : parsed.layers()) {
      assertThat(soci.cache().hasLookup(l.ztocDescriptor().ztocDigest())).isTrue();
    }
    List<String> paths = new ArrayList<>(tree.keySet());
    paths.addAll(List.of("etc/sub/b", "app/x", "srv/data/x", "lnk/f", "etc/.wh.sub", "nope", "etc"));
    for (String p : paths) {
      FileEntry e = tree.get(p);
      ImageFiles viaLookup = fresh();
      if (e == null) {
        assertThatThrownBy(() -> read(viaLookup, p)).as(p).isInstanceOf(FileNotFoundException.class);
      } else if (e.metadata().type() == EntryType.REG || e.metadata().type() == EntryType.HARDLINK) {
        assertThat(read(viaLookup, p)).as(p).isEqualTo(read(parsed, p));
      } else {
        assertThatThrownBy(() -> read(viaLookup, p)).as(p).isInstanceOf(IOException.class);
      }
      for (ImageFiles.Layer l : viaLookup.layers()) {
        assertThat(l.ztoc).as("nothing parsed for " + p).isNull();
      }
    }
    assertThat(read(fresh(), "/etc/a")).isEqualTo("upper a");
    assertThat(read(fresh(), "hard/link")).isEqualTo("target data");
    assertThat(read(fresh(), "top-link")).isEqualTo("top file"); // the copy before the link, not the later one
    assertThat(read(fresh(), "top")).isEqualTo("top file, second copy");
    assertThat(read(fresh(), "srv/data")).isEqualTo("now a file");
  }

  @Test
  void layersBelowTheOneThatDecidesAreNeverOpened() throws Exception {
    fresh().tree(false);
    ImageFiles files = fresh();
    assertThat(read(files, "etc/a")).isEqualTo("upper a");
    assertThat(files.layers()).extracting(l -> l.lookup != null).containsExactly(false, false, true);
    ImageFiles hidden = fresh();
    assertThatThrownBy(() -> read(hidden, "app/x")).isInstanceOf(FileNotFoundException.class);
    assertThat(hidden.layers()).extracting(l -> l.lookup != null).containsExactly(false, true, true);
    ImageFiles deep = fresh();
    assertThat(read(deep, "keep/y")).isEqualTo("kept");
    assertThat(deep.layers()).extracting(l -> l.lookup instanceof LookupFile).containsExactly(true, true, true);
  }

  @Test
  void aCorruptOrMissingLookupFileIsMadeAgainAndTheReadStaysRight() throws Exception {
    ImageFiles first = fresh();
    assertThat(read(first, "keep/y")).isEqualTo("kept"); // no lookup files yet: parsed, and stored
    Digest top = first.layers().get(2).ztocDescriptor().ztocDigest();
    Path file = tmp.resolve("cache/ztoc-lookup").resolve(top.hex());
    byte[] good = Files.readAllBytes(file);
    byte[] bad = good.clone();
    bad[bad.length / 2] ^= 1;
    for (byte[] broken : List.of(bad, new byte[0], java.util.Arrays.copyOf(good, good.length - 1),
        "not a lookup file".getBytes(StandardCharsets.UTF_8))) {
      Files.write(file, broken);
      assertThat(read(fresh(), "etc/a")).isEqualTo("upper a");
      assertThat(LookupFile.open(Files.readAllBytes(file), top).size()).isEqualTo(4); // made again, whole
    }
    // a forged file whose checksum is right but whose records point outside it: found while looking up
    byte[] forged = good.clone();
    java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(forged).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int index = forged.length - bb.getInt(88) - bb.getInt(84) - 4 * 12; // before the records and the heap
    for (int r = 0; r < 4; r++) {
      bb.putInt(index + r * 12, Integer.MAX_VALUE - 8); // each path's heap offset
    }
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(forged, 16, forged.length - 16);
    bb.putInt(12, (int) crc.getValue());
    Files.write(file, forged);
    ImageFiles fooled = fresh();
    assertThat(read(fooled, "etc/a")).isEqualTo("upper a");
    assertThat(fooled.layers().get(2).lookup).isNotInstanceOf(LookupFile.class); // answered by the parsed zTOC
    assertThat(LookupFile.open(Files.readAllBytes(file), top).entriesAt("etc/a")).hasSize(1); // and made again

    Files.delete(file);
    assertThat(read(fresh(), "top")).isEqualTo("top file, second copy");
    assertThat(file).exists();
  }

  /** A tar of entries written in the order given (fixed owner and time). */
  private interface TarBody {
    void write(Tar t) throws IOException;
  }

  private static byte[] tar(TarBody body) throws IOException {
    Tar t = new Tar();
    body.write(t);
    t.tar.finish();
    t.tar.close();
    return t.bytes.toByteArray();
  }

  private static final class Tar {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, "UTF-8");

    void dir(String name) throws IOException {
      TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_DIR);
      e.setModTime(1_700_000_000_000L);
      tar.putArchiveEntry(e);
      tar.closeArchiveEntry();
    }

    void file(String name, String content) throws IOException {
      byte[] data = content.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
      e.setModTime(1_700_000_000_000L);
      e.setSize(data.length);
      tar.putArchiveEntry(e);
      tar.write(data);
      tar.closeArchiveEntry();
    }

    void link(String name, String target, byte type) throws IOException {
      TarArchiveEntry e = new TarArchiveEntry(name, type);
      e.setModTime(1_700_000_000_000L);
      e.setLinkName(target);
      tar.putArchiveEntry(e);
      tar.closeArchiveEntry();
    }
  }
}
