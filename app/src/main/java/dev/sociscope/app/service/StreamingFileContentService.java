package dev.sociscope.app.service;

import dev.sociscope.app.common.Progress;
import dev.sociscope.app.ztoc.FileNode;
import dev.sociscope.app.ztoc.ZtocDocument;
import dev.sociscope.core.io.AtomicFiles;
import dev.sociscope.core.ztoc.CompressionAlgorithm;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads file contents by streaming a local layer from its start up to the file's end. It needs no checkpoints and
 * serves as the reference the lazy reader is checked against.
 */
public final class StreamingFileContentService implements FileContentService {
  private static final int BUFFER = 64 * 1024;

  @Override
  public byte[] read(ZtocDocument document, FileNode file, int maxBytes, Progress progress) throws Exception {
    FileMetadata entry = requireRegular(file);
    long length = Math.min(entry.uncompressedSize(), maxBytes);
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) length);
    copy(document, entry, length, out, progress);
    return out.toByteArray();
  }

  @Override
  public void save(ZtocDocument document, FileNode file, Path target, Progress progress) throws Exception {
    FileMetadata entry = requireRegular(file);
    Path tmp = AtomicFiles.newTempSibling(target);
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        copy(document, entry, entry.uncompressedSize(), out, progress);
      }
      AtomicFiles.move(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static FileMetadata requireRegular(FileNode file) {
    FileMetadata entry = file.entry();
    if (entry == null || entry.type() != EntryType.REG) {
      throw new IllegalArgumentException(file.displayPath() + " is not a regular file, so it has no content");
    }
    return entry;
  }

  private static void copy(ZtocDocument document, FileMetadata entry, long length, OutputStream out,
      Progress progress) throws IOException {
    Path layer = document.layer()
        .orElseThrow(() -> new IOException("no layer file is attached to this zTOC; use File > Attach layer"))
        .localFile().orElseThrow(() -> new IOException("the streaming reader needs a local layer file"));
    long needed = document.spans().isEmpty() ? Files.size(layer)
        : document.spans().get(document.zinfo().spanOf(Math.max(0, entry.dataEnd() - 1))).compressedEnd();
    try (CountingInputStream raw = new CountingInputStream(new BufferedInputStream(Files.newInputStream(layer), BUFFER));
        InputStream tar = document.algorithm() == CompressionAlgorithm.GZIP ? new GZIPInputStream(raw, BUFFER) : raw) {
      byte[] buf = new byte[BUFFER];
      long toSkip = entry.uncompressedOffset();
      while (toSkip > 0) {
        int n = tar.read(buf, 0, (int) Math.min(buf.length, toSkip));
        if (n < 0) {
          throw new IOException("layer ends before offset " + entry.uncompressedOffset() + " of " + entry.name());
        }
        toSkip -= n;
        report(progress, raw.count, needed);
      }
      long left = length;
      while (left > 0) {
        int n = tar.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          throw new IOException("layer ends inside " + entry.name() + " (" + left + " bytes missing)");
        }
        out.write(buf, 0, n);
        left -= n;
        report(progress, raw.count, needed);
      }
    }
  }

  private static void report(Progress progress, long fetched, long needed) {
    progress.checkCancelled();
    progress.update(Math.min(fetched, needed), needed);
    progress.transferred(fetched);
  }

  /** Counts the bytes read from the layer file. */
  private static final class CountingInputStream extends FilterInputStream {
    long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
