package dev.sociscope.core.files;

import dev.sociscope.core.error.CorruptInputException;
import dev.sociscope.core.error.SociscopeException;
import dev.sociscope.core.extract.LazyExtractor;
import dev.sociscope.core.extract.NotRegularFileException;
import dev.sociscope.core.gzip.GzipInflater;
import dev.sociscope.core.io.TempFiles;
import dev.sociscope.core.image.ImageSource;
import dev.sociscope.core.tar.TarEntry;
import dev.sociscope.core.tar.TarReader;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * The fallback for layers without a zTOC: list or read them by streaming the whole layer (gzip or plain tar; zstd
 * is refused), the blob's digest verified at the end of each pass.
 */
final class LayerStreams {
  private LayerStreams() {}

  /** Lists an unindexed layer by streaming it (its cost kept in the layer), errors naming the layer. */
  static List<FileMetadata> scan(ImageSource source, ImageFiles.Layer layer) throws IOException {
    try {
      return scanUnchecked(source, layer);
    } catch (dev.sociscope.core.registry.RegistryException | dev.sociscope.core.error.CancelledException e) {
      throw e;
    } catch (IOException e) {
      throw SociscopeException.wrap("layer " + layer.descriptor.digest() + " (" + layer.descriptor.mediaType() + ")", e);
    }
  }

  private static List<FileMetadata> scanUnchecked(ImageSource source, ImageFiles.Layer layer) throws IOException {
    try (InputStream raw = source.openBlob(layer.descriptor.digest());
        BoundedInputStream counted = BoundedInputStream.builder().setInputStream(raw).get()) {
      List<FileMetadata> out = new ArrayList<>();
      TarReader reader = new TarReader(decompressed(counted));
      for (TarEntry e = reader.next(); e != null; e = reader.next()) {
        out.add(e.metadata());
      }
      counted.transferTo(OutputStream.nullOutputStream()); // verify the blob digest
      layer.scanCost = counted.getCount();
      return out;
    }
  }

  static InputStream decompressed(InputStream in) throws IOException {
    BufferedInputStream peek = new BufferedInputStream(in, 1 << 16);
    peek.mark(4);
    byte[] magic = peek.readNBytes(4);
    peek.reset();
    if (magic.length == 4 && (magic[0] & 0xFF) == 0x28 && (magic[1] & 0xFF) == 0xB5 && (magic[2] & 0xFF) == 0x2F
        && (magic[3] & 0xFF) == 0xFD) {
      throw new IOException("the layer is zstd-compressed; only gzip and plain tar layers can be read");
    }
    return magic.length >= 2 && (magic[0] & 0xFF) == 0x1f && (magic[1] & 0xFF) == 0x8b ? GzipInflater.gzip(peek)
        : peek;
  }

  /**
   * Streams an unindexed layer once: lists its entries (as listing it would) and copies the data of
   * the last regular entry named {@code p} into a temporary file. Returns that file (empty when none matched).
   */
  static Path scanCapturing(ImageSource source, ImageFiles.Layer layer, String p) throws IOException {
    Path tmp = TempFiles.create("sociscope-read-", ".part");
    try (InputStream raw = source.openBlob(layer.descriptor.digest());
        BoundedInputStream counted = BoundedInputStream.builder().setInputStream(raw).get()) {
      CapturingStream tar = new CapturingStream(decompressed(counted));
      List<FileMetadata> out = new ArrayList<>();
      TarReader reader = new TarReader(tar);
      for (TarEntry e = reader.next(); e != null; e = reader.next()) {
        FileMetadata f = e.metadata();
        out.add(f);
        if (f.type() == EntryType.REG && LazyExtractor.normalize(f.name()).equals(p)) {
          tar.capture(f.uncompressedOffset(), f.uncompressedSize(), tmp); // filled as the reader moves on
        }
      }
      tar.finishCapture();
      counted.transferTo(OutputStream.nullOutputStream()); // verify the blob digest
      layer.entries = out;
      layer.scanCost = counted.getCount();
      return tmp;
    } catch (IOException | RuntimeException e) {
      TempFiles.delete(tmp);
      if (e instanceof dev.sociscope.core.registry.RegistryException) {
        throw e;
      }
      throw SociscopeException.wrap("layer " + layer.descriptor.digest() + " (" + layer.descriptor.mediaType() + ")", e);
    }
  }

  /** Reads an entry of an unindexed layer by streaming the layer to it (hard links followed within it). */
  static ReadStats read(ImageSource source, ImageFiles.Layer layer, List<FileMetadata> entries, FileMetadata entry, String p,
      OutputStream out, long started, long scanned) throws IOException {
    FileMetadata data = entry;
    for (int hops = 0; data.type() == EntryType.HARDLINK; hops++) {
      String target = LazyExtractor.normalize(data.linkname());
      FileMetadata next = null;
      for (FileMetadata f : entries) {
        if (f.uncompressedOffset() >= data.uncompressedOffset()) {
          break;
        }
        if (LazyExtractor.normalize(f.name()).equals(target)) {
          next = f;
        }
      }
      if (next == null || hops > 64) {
        throw new IOException("hardlink '" + data.name() + "' points to '" + data.linkname()
            + "', which is not in this layer");
      }
      data = next;
    }
    if (data.type() != EntryType.REG) {
      throw new NotRegularFileException("'" + data.name() + "' is a " + data.type().wireName()
          + (data.type() == EntryType.SYMLINK ? " to '" + data.linkname() + "'" : "") + ", not a regular file");
    }
    long fetched;
    try (InputStream raw = source.openBlob(layer.descriptor.digest());
        BoundedInputStream counted = BoundedInputStream.builder().setInputStream(raw).get()) {
      InputStream tar = decompressed(counted);
      tar.skipNBytes(data.uncompressedOffset());
      long left = data.uncompressedSize();
      byte[] buf = new byte[1 << 16];
      while (left > 0) {
        int n = tar.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          throw new CorruptInputException("layer " + layer.descriptor.digest() + " ends inside '" + data.name() + "'");
        }
        out.write(buf, 0, n);
        left -= n;
      }
      fetched = counted.getCount();
    }
    return new ReadStats(p, layer.descriptor.digest(), false, data.uncompressedSize(), fetched + scanned, 2, -1,
        -1, 0, layer.descriptor.size(), 0, Duration.ofNanos(System.nanoTime() - started), data.mode());
  }
}
