package dev.sociscope.core.ztoc.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sociscope.core.extract.ByteArraySource;
import dev.sociscope.core.extract.LazyExtractor;
import dev.sociscope.core.extract.SpanFetch;
import dev.sociscope.core.oci.Digest;
import dev.sociscope.core.tar.TarPaths;
import dev.sociscope.core.testing.RandomCases;
import dev.sociscope.core.testing.Vectors;
import dev.sociscope.core.ztoc.CompressionAlgorithm;
import dev.sociscope.core.ztoc.CompressionInfo;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.ModTime;
import dev.sociscope.core.ztoc.PaxRecord;
import dev.sociscope.core.ztoc.RawText;
import dev.sociscope.core.ztoc.TarZinfo;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.ZtocReader;
import dev.sociscope.core.ztoc.ZtocWriter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * A lookup file answers every path exactly as the parsed zTOC does (real vectors and generated zTOCs full of
 * duplicates, parents, whiteout names, raw bytes), and a truncated, corrupt, foreign, old or forged file is refused
 * with {@link LookupFileException} and nothing else.
 */
class LookupFileTest {

  /** The paths worth asking: each entry's cleaned name, its parents, near misses and text no name decodes to. */
  static Set<String> queries(Ztoc z, Random r) {
    Set<String> out = new LinkedHashSet<>(List.of("", "nope", "\uD800", "a/\uFFFD", ".wh.", ".wh..wh..opq"));
    for (FileMetadata f : z.files()) {
      String p = TarPaths.normalize(f.name());
      out.add(p);
      out.add(p + "x");
      if (!p.isEmpty()) {
        out.add(p.substring(0, p.length() - 1));
      }
      for (int slash = p.indexOf('/'); slash >= 0; slash = p.indexOf('/', slash + 1)) {
        out.add(p.substring(0, slash));
      }
      out.add(TarPaths.normalize(f.linkname()));
    }
    for (int i = 0; i < 20; i++) {
      out.add(RandomCases.string(r, 12));
    }
    return out;
  }

  static void assertSameAnswers(Ztoc z, byte[] ztocBytes, Random r) throws Exception {
    ZtocReader.Parsed parsed = ZtocReader.readWithZinfo(ztocBytes);
    ZtocLookup expected = ZtocLookup.of(parsed.ztoc(), parsed.zinfo());
    Digest d = Digest.of(ztocBytes);
    LookupFile actual = LookupFile.open(LookupFileWriter.write(d, parsed.ztoc()), d);
    assertThat(actual.size()).isEqualTo(z.files().size());
    assertThat(actual.zinfo()).isEqualTo(expected.zinfo());
    assertThat(actual.spanDigests()).isEqualTo(expected.spanDigests());
    assertThat(actual.uncompressedArchiveSize()).isEqualTo(expected.uncompressedArchiveSize());
    for (String q : queries(parsed.ztoc(), r)) {
      assertThat(actual.entriesAt(q)).as("entries at '%s'", q).isEqualTo(expected.entriesAt(q));
    }
    // a pass over every path, in tar order: all, none, and a share picked by the path's hash
    assertThat(actual.entriesWhere(p -> true)).isEqualTo(parsed.ztoc().files());
    assertThat(actual.entriesWhere(p -> false)).isEmpty();
    java.util.function.Predicate<String> some = p -> (p.hashCode() & 3) == 0;
    assertThat(actual.entriesWhere(some)).isEqualTo(expected.entriesWhere(some));
  }

  @Test
  void everyGoldenZtocAnswersEveryPathAsTheParsedZtoc() throws Exception {
    Random r = new Random(1);
    for (Vectors.ZtocVector v : Vectors.ztocs()) {
      byte[] bytes = Vectors.bytes(v.ztocFile());
      assertSameAnswers(ZtocReader.read(bytes), bytes, r);
    }
  }

  @Test
  void generatedZtocsAnswerEveryPathAsTheParsedZtoc() {
    RandomCases.run("lookup file agrees with the parsed zTOC", 300, random -> {
      Ztoc z = generate(random);
      assertSameAnswers(z, ZtocWriter.write(z), random);
    });
  }

  @Test
  void readsThroughTheLookupFileGiveTheBytesOfReadsThroughTheZtoc() throws Exception {
    int compared = 0;
    for (Vectors.ZtocVector v : Vectors.ztocs()) {
      byte[] bytes = Vectors.bytes(v.ztocFile());
      Ztoc z = ZtocReader.read(bytes);
      byte[] layer = Vectors.bytes(v.layerFile());
      Digest d = Digest.of(bytes);
      LazyExtractor viaZtoc = new LazyExtractor(z, new ByteArraySource(layer), SpanFetch.TO_FILE_END);
      LazyExtractor viaLookup = new LazyExtractor(LookupFile.open(LookupFileWriter.write(d, z), d),
          new ByteArraySource(layer), SpanFetch.TO_FILE_END);
      for (FileMetadata f : z.files()) {
        if (f.type() != EntryType.REG && f.type() != EntryType.HARDLINK) {
          continue;
        }
        String p = TarPaths.normalize(f.name());
        assertThat(viaLookup.findAll(p)).isEqualTo(viaZtoc.findAll(p));
        FileMetadata entry = viaLookup.find(p).orElseThrow();
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        assertThat(viaLookup.extract(entry, a)).isEqualTo(viaZtoc.extract(viaZtoc.find(p).orElseThrow(), b));
        assertThat(a.toByteArray()).as(v + " " + p).isEqualTo(b.toByteArray());
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(20);
  }

  @Test
  void aTruncatedFileIsRefusedAtEveryLength() throws Exception {
    Ztoc z = generate(new Random(7));
    Digest d = Digest.of(ZtocWriter.write(z));
    byte[] good = LookupFileWriter.write(d, z);
    for (int n = 0; n < good.length; n += Math.max(1, n / 50)) {
      byte[] cut = java.util.Arrays.copyOf(good, n);
      assertThatThrownBy(() -> LookupFile.open(cut, d)).isInstanceOf(LookupFileException.class);
    }
  }

  @Test
  void anyFlippedByteIsRefused() throws Exception {
    Ztoc z = generate(new Random(8));
    Digest d = Digest.of(ZtocWriter.write(z));
    byte[] good = LookupFileWriter.write(d, z);
    for (int i = 0; i < good.length; i += 1 + i / 40) {
      byte[] bad = good.clone();
      bad[i] ^= 0x10;
      assertThatThrownBy(() -> LookupFile.open(bad, d)).as("byte %d", i).isInstanceOf(LookupFileException.class);
    }
  }

  @Test
  void aFileOfAnotherZtocOrVersionOrNoLookupFileAtAllIsRefused() throws Exception {
    Ztoc z = generate(new Random(9));
    Digest d = Digest.of(ZtocWriter.write(z));
    byte[] good = LookupFileWriter.write(d, z);
    assertThat(LookupFile.open(good, d).size()).isEqualTo(z.files().size());
    assertThatThrownBy(() -> LookupFile.open(good, Digest.of(new byte[] {1})))
        .isInstanceOf(LookupFileException.class).hasMessageContaining("another zTOC");
    byte[] old = good.clone();
    ByteBuffer.wrap(old).order(ByteOrder.LITTLE_ENDIAN).putInt(8, LookupFormat.VERSION - 1);
    assertThatThrownBy(() -> LookupFile.open(old, d)).isInstanceOf(LookupFileException.class)
        .hasMessageContaining("version");
    assertThatThrownBy(() -> LookupFile.open(ZtocWriter.write(z), d)).isInstanceOf(LookupFileException.class);
    assertThatThrownBy(() -> LookupFile.open(new byte[0], d)).isInstanceOf(LookupFileException.class);
  }

  /**
   * A forged file with a correct checksum (any 4-byte field rewritten, the CRC recomputed) fails, when it is opened
   * or a record is read, with {@link LookupFileException} and nothing else (reads through it still check span
   * digests).
   */
  @Test
  void forgedFilesWithAValidChecksumAreRefusedOrAnswerWithoutFailing() {
    RandomCases.run("forged lookup files fail only with LookupFileException", 400, random -> {
      Ztoc z = generate(random);
      Digest d = Digest.of(ZtocWriter.write(z));
      byte[] bad = LookupFileWriter.write(d, z);
      ByteBuffer bb = ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN);
      for (int k = 0; k < 1 + random.nextInt(3); k++) {
        int at = LookupFormat.CHECKED_FROM + random.nextInt((bad.length - LookupFormat.CHECKED_FROM) / 4) * 4;
        bb.putInt(at, random.nextBoolean() ? random.nextInt() : bb.getInt(at) + random.nextInt(5) - 2);
      }
      CRC32 crc = new CRC32();
      crc.update(bad, LookupFormat.CHECKED_FROM, bad.length - LookupFormat.CHECKED_FROM);
      bb.putInt(12, (int) crc.getValue());
      try {
        LookupFile f = LookupFile.open(bad, d);
        for (String q : queries(z, random)) {
          f.entriesAt(q);
        }
        f.spanDigests();
        f.zinfo();
      } catch (LookupFileException e) {
        // the only failure allowed: the caller remakes the file
      }
    });
  }

  @Test
  void aZtocItCannotRepresentIsRefusedByTheWriter() {
    FileMetadata lone = new FileMetadata("bad\uD800name", EntryType.REG, 512, 0, "", 0644, 0, 0, "", "", "", 0, 0,
        List.of());
    Ztoc z = new Ztoc("0.9", "t", 2048, 2048, List.of(lone), tarInfo(new Random(1), 2048, 2048));
    assertThatThrownBy(() -> LookupFileWriter.write(Digest.of(new byte[0]), z))
        .isInstanceOf(IllegalArgumentException.class);
    // escaped raw bytes that happen to form valid UTF-8 would come back as other text
    FileMetadata escaped = new FileMetadata("\uDCC3\uDCA9", EntryType.REG, 512, 0, "", 0644, 0, 0, "", "", "", 0, 0,
        List.of());
    Ztoc z2 = new Ztoc("0.9", "t", 2048, 2048, List.of(escaped), tarInfo(new Random(1), 2048, 2048));
    assertThatThrownBy(() -> LookupFileWriter.write(Digest.of(new byte[0]), z2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A zTOC whose names collide after cleaning, nest, repeat, white out and carry raw bytes. */
  static Ztoc generate(Random r) {
    String[] parts = {"a", "b", "c", "é", "\uDCff", ".wh.a", ".wh..wh..opq", ".wh.", ".", "..", ""};
    int n = r.nextInt(4) == 0 ? r.nextInt(3) : r.nextInt(60);
    List<FileMetadata> files = new ArrayList<>();
    long next = 0;
    EntryType[] types = EntryType.values();
    for (int i = 0; i < n; i++) {
      StringBuilder name = new StringBuilder(r.nextInt(4) == 0 ? "./" : r.nextInt(6) == 0 ? "/" : "");
      int depth = 1 + r.nextInt(4);
      for (int k = 0; k < depth; k++) {
        name.append(k > 0 ? "/" : "").append(parts[r.nextInt(parts.length)]);
      }
      if (r.nextInt(5) == 0) {
        name.append('/');
      }
      long offset = next + 512L * (1 + r.nextInt(3));
      long size = r.nextInt(3) == 0 ? 0 : r.nextInt(5000);
      List<PaxRecord> pax = r.nextInt(4) == 0
          ? List.of(new PaxRecord("SCHILY.xattr.user.k", RandomCases.bytes(r, 20)), PaxRecord.of("path", "x"))
          : List.of();
      files.add(new FileMetadata(name.toString(), types[r.nextInt(types.length)], offset, size,
          r.nextBoolean() ? "" : "a/" + parts[r.nextInt(parts.length)], r.nextBoolean() ? 0644 : r.nextLong(),
          r.nextBoolean() ? 0 : Integer.toUnsignedLong(r.nextInt()), r.nextInt(3), r.nextBoolean() ? "root" : "",
          r.nextBoolean() ? "root" : "wheel", r.nextBoolean() ? "" : ModTime.format(r.nextInt(1 << 30), 0),
          r.nextInt(4) == 0 ? r.nextLong() : 0, r.nextInt(4) == 0 ? -1 : 0, pax));
      next = Ztoc.alignToTarBlock(offset + size);
    }
    long uncompressed = next + 1024;
    long compressed = uncompressed + r.nextInt(1 << 16);
    return new Ztoc(Ztoc.CURRENT_VERSION, "test", compressed, uncompressed, files,
        tarInfo(r, compressed, uncompressed));
  }

  private static CompressionInfo tarInfo(Random r, long compressed, long uncompressed) {
    TarZinfo tar = TarZinfo.of(1 + r.nextInt(1 << 14), compressed, uncompressed);
    List<String> digests = new ArrayList<>();
    for (int i = 0; i < tar.spanCount(); i++) {
      byte[] h = new byte[32];
      r.nextBytes(h);
      digests.add("sha256:" + HexFormat.of().formatHex(h));
    }
    return new CompressionInfo(CompressionAlgorithm.UNCOMPRESSED, tar.maxSpanId(), digests, tar.encode());
  }
}
