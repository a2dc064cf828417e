package dev.sociscope.core.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.build.ZtocBuilder;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.Ztoc;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads that start inflating at a deflate block inside the span ({@link MidSpanStart}): on a layer like a real one
 * (prose of many words, long names written as PAX records, incompressible files that deflate stores), every file
 * read that way is the file's exact content, most files deep in their span are read that way, and they cost far less
 * than reads from the checkpoint. A layer that hides a copy of a file's header (a tar inside a file) still gives the
 * true file.
 */
class MidSpanStartTest {
  private static Layer layer;

  @BeforeAll
  static void build() throws IOException {
    layer = Layer.make(new Random(4121226), 14 << 20, null);
  }

  @Test
  void filesDeepInTheirSpanAreReadFromABlockNearThemAndComeOutExact() throws Exception {
    Zinfo zinfo = Zinfo.of(layer.ztoc);
    assertThat(zinfo.spanCount()).isGreaterThanOrEqualTo(3);
    int eligible = 0;
    int inside = 0;
    long partial = 0;
    long whole = 0;
    int i = 0;
    for (FileMetadata f : layer.ztoc.files()) {
      if (f.type() != EntryType.REG || f.uncompressedSize() == 0 || f.uncompressedSize() >= 64 << 10
          || i++ % 3 != 0) {
        continue;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ExtractStats s = new LazyExtractor(layer.ztoc, new ByteArraySource(layer.gz), SpanFetch.TO_FILE_END)
          .extract(f, out);
      assertThat(out.toByteArray()).as(f.name()).isEqualTo(layer.contents.get(f.name()));
      int span = zinfo.spanOf(f.uncompressedOffset());
      if (MidSpanStart.applies(zinfo, span, f, SpanMap.of(zinfo, span, layer.ztoc.files()))) {
        eligible++;
        inside += s.startedInsideSpan() ? 1 : 0;
        partial += s.compressedBytesRead();
        whole += s.wholeSpanBytes();
      } else {
        assertThat(s.startedInsideSpan()).as(f.name()).isFalse();
      }
    }
    assertThat(eligible).isGreaterThan(200);
    assertThat(inside).as("of %d files deep in their span", eligible).isGreaterThan(eligible / 2);
    assertThat((double) partial / whole).as("bytes against whole spans").isLessThan(0.3);
  }

  /** A file read from inside its span fetches less than inflating from the checkpoint to its end needs. */
  @Test
  void aStartInsideTheSpanCostsLessThanTheCheckpointForTheSameFile() throws Exception {
    Zinfo zinfo = Zinfo.of(layer.ztoc);
    int compared = 0;
    for (FileMetadata f : layer.ztoc.files()) {
      if (f.type() != EntryType.REG || f.uncompressedSize() == 0 || f.uncompressedSize() >= 16 << 10
          || !MidSpanStart.applies(zinfo, zinfo.spanOf(f.uncompressedOffset()), f,
              SpanMap.of(zinfo, zinfo.spanOf(f.uncompressedOffset()), layer.ztoc.files()))) {
        continue;
      }
      ExtractStats s = new LazyExtractor(layer.ztoc, new ByteArraySource(layer.gz), SpanFetch.TO_FILE_END)
          .extract(f, new ByteArrayOutputStream());
      if (!s.startedInsideSpan()) {
        continue;
      }
      long fromCheckpoint = compressedEndOf(f) - zinfo.compressedStart(zinfo.spanOf(f.uncompressedOffset()));
      assertThat(s.compressedBytesRead() - SpanRange.headerBytes(zinfo)).as(f.name()).isLessThan(fromCheckpoint);
      if (++compared == 40) {
        break;
      }
    }
    assertThat(compared).isEqualTo(40);
  }

  /**
   * A file that holds an uncompressed tar with a copy of a later file's header (same name, size, mode and time)
   * followed by other content: the later file still reads as itself, never as the copy.
   */
  @Test
  void aCopyOfTheHeaderInsideAnotherFileIsNotTakenForTheFile() throws Exception {
    Layer decoy = Layer.make(new Random(77), 10 << 20, "victim.txt");
    Zinfo zinfo = Zinfo.of(decoy.ztoc);
    FileMetadata victim = decoy.ztoc.files().stream().filter(f -> f.name().endsWith("victim.txt"))
        .findFirst().orElseThrow();
    assertThat(MidSpanStart.applies(zinfo, zinfo.spanOf(victim.uncompressedOffset()), victim,
        SpanMap.of(zinfo, zinfo.spanOf(victim.uncompressedOffset()), decoy.ztoc.files()))).isTrue();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new LazyExtractor(decoy.ztoc, new ByteArraySource(decoy.gz), SpanFetch.TO_FILE_END).extract(victim, out);
    assertThat(out.toByteArray()).isEqualTo(decoy.contents.get(victim.name()));
    assertThat(new String(out.toByteArray(), StandardCharsets.US_ASCII)).doesNotContain("DECOY");
  }

  /**
   * A window of a small file deep in its span (a preview page) is cut from the whole file read from inside the span;
   * one of a file near its checkpoint is read from the checkpoint, as before.
   */
  @Test
  void aWindowOfASmallFileDeepInItsSpanIsCutFromTheFileReadFromInsideTheSpan() throws Exception {
    Zinfo zinfo = Zinfo.of(layer.ztoc);
    LazyExtractor extractor = new LazyExtractor(layer.ztoc, new ByteArraySource(layer.gz), SpanFetch.TO_FILE_END);
    int deep = 0;
    int near = 0;
    for (FileMetadata f : layer.ztoc.files()) {
      if (f.type() != EntryType.REG || f.uncompressedSize() <= 4096 || f.uncompressedSize() >= 64 << 10) {
        continue;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ExtractStats s = RangeRead.extract(extractor, f, 1000, 2000, out);
      byte[] all = layer.contents.get(f.name());
      assertThat(out.toByteArray()).as(f.name()).isEqualTo(java.util.Arrays.copyOfRange(all, 1000, 3000));
      assertThat(s.bytesWritten()).isEqualTo(2000);
      int span = zinfo.spanOf(f.uncompressedOffset());
      if (s.startedInsideSpan()) {
        deep++;
      } else if (!MidSpanStart.applies(zinfo, span, f, SpanMap.of(zinfo, span, layer.ztoc.files()))) {
        near++;
      }
      if (deep >= 20 && near >= 5) {
        break;
      }
    }
    assertThat(deep).isEqualTo(20);
    assertThat(near).isGreaterThanOrEqualTo(5);
  }

  /**
   * A file near its checkpoint but after a stored (already compressed) file in the same span: the first window,
   * placed by the span's map, reaches it in one request (an even spread of the span falls short of it).
   */
  @Test
  void theFirstWindowFromTheCheckpointCountsStoredFilesOneToOne() throws Exception {
    Zinfo zinfo = Zinfo.of(layer.ztoc);
    int checked = 0;
    List<FileMetadata> files = layer.ztoc.files();
    long storedInSpan = 0; // bytes of .gz files so far in the current span
    int currentSpan = -1;
    for (int i = 0; i < files.size() && checked < 5; i++) {
      FileMetadata f = files.get(i);
      int span = zinfo.spanOf(f.uncompressedOffset());
      if (span != currentSpan) {
        currentSpan = span;
        storedInSpan = 0;
      }
      if (f.name().endsWith(".gz")) {
        storedInSpan += f.uncompressedSize();
        continue;
      }
      if (f.type() != EntryType.REG || f.uncompressedSize() == 0 || f.uncompressedSize() > 8192
          || storedInSpan < 150_000 || zinfo.spanOf(f.dataEnd() - 1) != span
          || MidSpanStart.applies(zinfo, span, f, SpanMap.of(zinfo, span, files))) {
        continue;
      }
      var counted = new LazyExtractorVectorTest.CountingSource(new ByteArraySource(layer.gz));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new LazyExtractor(layer.ztoc, counted, SpanFetch.TO_FILE_END).extract(f, out);
      assertThat(out.toByteArray()).as(f.name()).isEqualTo(layer.contents.get(f.name()));
      assertThat(counted.reads).as("%s: the gzip header and one window", f.name()).isEqualTo(2);
      checked++;
    }
    assertThat(checked).isEqualTo(5);
  }

  private static long compressedEndOf(FileMetadata f) throws IOException {
    // where a read from the checkpoint must reach: the compressed offset at which the file's last byte comes out
    var inflater = dev.sociscope.core.gzip.GzipInflater.gzip(new ByteArrayInputStream(layer.gz));
    inflater.stopOutputAt(f.dataEnd());
    inflater.skip(f.dataEnd());
    return inflater.compressedBitPosition() / 8;
  }

  /** A tar.gz like a real layer, its zTOC (4 MiB spans) and every file's content by name. */
  record Layer(byte[] gz, Ztoc ztoc, Map<String, byte[]> contents) {
    static Layer make(Random rnd, long size, String victim) throws IOException {
      List<String> words = new ArrayList<>();
      String letters = "etaoinshrdlucmfwypvbgkqjxz";
      for (int i = 0; i < 3000; i++) {
        StringBuilder w = new StringBuilder();
        int n = 2 + rnd.nextInt(9);
        for (int k = 0; k < n; k++) {
          w.append(letters.charAt((int) Math.min(25, Math.abs(rnd.nextGaussian()) * 7)));
        }
        words.add(w.toString());
      }
      Map<String, byte[]> contents = new HashMap<>();
      ByteArrayOutputStream gz = new ByteArrayOutputStream();
      try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(gz))) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        long total = 0;
        byte[] victimContent = null;
        String victimName = null;
        for (int i = 0; total < size; i++) {
          String dir = "usr/share/doc/" + words.get(rnd.nextInt(400)) + "-" + i % 50
              + (i % 17 == 0 ? "/" + "very-long-directory-name-".repeat(4) + i : "");
          String name = dir + "/" + (victim != null && total > size * 3 / 4 && victimName == null
              ? victim : words.get(rnd.nextInt(words.size())) + i + ".txt");
          byte[] data;
          if (i % 40 == 39) {
            data = new byte[20_000 + rnd.nextInt(200_000)]; // compressed already: deflate stores it
            rnd.nextBytes(data);
            name = name.endsWith(".txt") ? name.substring(0, name.length() - 4) + ".gz" : name;
          } else {
            data = prose(rnd, words, (int) Math.exp(5 + rnd.nextDouble() * 6));
          }
          if (name.endsWith("/" + victim)) {
            victimName = name;
            victimContent = data;
            // right before the victim, where a start inside the span sees it best: a decoy of its header
            put(tar, dir + "/decoy" + i + ".tar", decoySlot(), contents);
          } else if (victim != null && victimName == null && total > size * 3 / 4 - (300 << 10) && i % 4 == 0) {
            data = decoySlot(); // and more of them further back
          }
          put(tar, name, data, contents);
          total += data.length + 512;
        }
        if (victim != null) {
          assertThat(victimName).isNotNull();
          // the decoys were written before the victim existed: they name it with the victim's own size and time
          contents.put(victimName, victimContent);
        }
      }
      byte[] bytes = gz.toByteArray();
      if (victim != null) {
        bytes = rewriteDecoys(bytes, contents, victim);
      }
      Ztoc z = new ZtocBuilder(ZtocBuilder.Options.defaults()).build(new ByteArrayInputStream(bytes));
      return new Layer(bytes, z, contents);
    }

    private static void put(TarArchiveOutputStream tar, String name, byte[] data, Map<String, byte[]> contents)
        throws IOException {
      TarArchiveEntry e = new TarArchiveEntry(name);
      e.setSize(data.length);
      e.setModTime(1_700_000_000_000L);
      tar.putArchiveEntry(e);
      tar.write(data);
      tar.closeArchiveEntry();
      contents.put(name, data);
    }

    private static byte[] prose(Random rnd, List<String> words, int size) {
      StringBuilder sb = new StringBuilder();
      while (sb.length() < size) {
        // Zipf-like: common words often, rare ones now and then, as in real text
        int w = (int) Math.min(words.size() - 1, Math.exp(rnd.nextDouble() * Math.log(words.size())));
        sb.append(words.get(w)).append(rnd.nextInt(12) == 0 ? ".\n" : " ");
      }
      return sb.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    /** Placeholder; the real decoy is written by {@link #rewriteDecoys}, which knows the victim's size. */
    private static byte[] decoySlot() {
      return "DECOYSLOT:".repeat(200).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Builds the layer again with each decoy slot replaced by an uncompressed tar holding an entry exactly like the
     * victim's (name, size, mode, time) but other content.
     */
    private static byte[] rewriteDecoys(byte[] gz, Map<String, byte[]> contents, String victim) throws IOException {
      String victimName = contents.keySet().stream().filter(n -> n.endsWith("/" + victim)).findFirst().orElseThrow();
      byte[] victimData = contents.get(victimName);
      ByteArrayOutputStream inner = new ByteArrayOutputStream();
      try (TarArchiveOutputStream t = new TarArchiveOutputStream(inner)) {
        t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        TarArchiveEntry e = new TarArchiveEntry(victimName);
        e.setSize(victimData.length);
        e.setModTime(1_700_000_000_000L);
        t.putArchiveEntry(e);
        byte[] fake = new byte[victimData.length];
        java.util.Arrays.fill(fake, (byte) 'D');
        System.arraycopy("DECOY".getBytes(StandardCharsets.US_ASCII), 0, fake, 0, Math.min(5, fake.length));
        t.write(fake);
        t.closeArchiveEntry();
      }
      byte[] decoy = inner.toByteArray();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
              new java.util.zip.GZIPInputStream(new ByteArrayInputStream(gz)));
          TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        int decoys = 0;
        for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
          byte[] data = in.readAllBytes();
          if (new String(data, 0, Math.min(10, data.length), StandardCharsets.US_ASCII).equals("DECOYSLOT:")) {
            data = decoy;
            decoys++;
          }
          put(tar, e.getName(), data, contents);
        }
        assertThat(decoys).isGreaterThan(0);
      }
      return out.toByteArray();
    }
  }
}
