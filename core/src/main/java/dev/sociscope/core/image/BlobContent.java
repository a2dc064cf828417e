package dev.sociscope.core.image;

import org.apache.commons.io.input.BoundedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Blob content that can be opened again at any offset, so an upload can resume after a cut connection. */
public interface BlobContent {
  long size();

  /** The content from {@code offset} to the end. */
  InputStream open(long offset) throws IOException;

  static BlobContent ofBytes(byte[] bytes) {
    return new BlobContent() {
      @Override
      public long size() {
        return bytes.length;
      }

      @Override
      public InputStream open(long offset) {
        return new ByteArrayInputStream(bytes, (int) offset, bytes.length - (int) offset);
      }
    };
  }

  /** A region of a file (a whole blob file, or a member of an uncompressed tar). */
  static BlobContent ofFile(Path file, long start, long length) {
    return new BlobContent() {
      @Override
      public long size() {
        return length;
      }

      @Override
      public InputStream open(long offset) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        ch.position(start + offset);
        return BoundedInputStream.builder().setInputStream(Channels.newInputStream(ch)).setMaxCount(length - offset)
            .get();
      }
    };
  }

  /** A blob of another image source: the start is a verified full read, a resume is a range read. */
  static BlobContent ofSource(ImageSource source, dev.sociscope.core.oci.Digest digest, long size) {
    return new BlobContent() {
      @Override
      public long size() {
        return size;
      }

      @Override
      public InputStream open(long offset) throws IOException {
        return offset == 0 ? source.openBlob(digest) : source.openBlobRange(digest, offset, size - offset);
      }
    };
  }
}
