package dev.sociscope.core.gzip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Compressible and incompressible test data, and ways to compress it. */
public final class TestData {
  private static final String[] WORDS = {"the", "layer", "span", "checkpoint", "inflate", "window", "tar", "gzip",
      "zTOC", "registry", "\n", "  ", "0123456789", "container", "image", "seekable"};

  private TestData() {}

  /** A mix of text-like runs, random runs and long repeats. */
  public static byte[] mixed(Random rnd, int size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(size + 1024);
    while (out.size() < size) {
      int kind = rnd.nextInt(4);
      int len = 1 + rnd.nextInt(kind == 3 ? 40000 : 5000);
      byte[] chunk;
      if (kind == 0) {
        chunk = new byte[len];
        rnd.nextBytes(chunk);
      } else if (kind == 1 || kind == 3) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < len) {
          sb.append(WORDS[rnd.nextInt(WORDS.length)]).append(' ');
        }
        chunk = sb.toString().getBytes(StandardCharsets.UTF_8);
      } else {
        chunk = new byte[len];
        java.util.Arrays.fill(chunk, (byte) rnd.nextInt(3));
      }
      out.write(chunk, 0, Math.min(chunk.length, size - out.size()));
    }
    return out.toByteArray();
  }

  public static byte[] deflateRaw(byte[] data, int level, int strategy) {
    Deflater d = new Deflater(level, true);
    d.setStrategy(strategy);
    d.setInput(data);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[65536];
    while (!d.finished()) {
      int n = d.deflate(buf);
      out.write(buf, 0, n);
    }
    d.end();
    return out.toByteArray();
  }

  /** A gzip member made with {@link Deflater} at the given level and strategy. */
  public static byte[] gzipWithDeflater(byte[] data, int level, int strategy) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 65536) {
      {
        def.setLevel(level);
        def.setStrategy(strategy);
      }
    }) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  /** Compresses with the system's gzip binary ({@code gzip -LEVEL -c -n}). */
  public static byte[] gzipBinary(byte[] data, int level) throws IOException {
    Process p = new ProcessBuilder("gzip", "-" + level, "-c", "-n").start();
    Thread writer = new Thread(() -> {
      try (var os = p.getOutputStream()) {
        os.write(data);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    writer.start();
    byte[] result;
    try (InputStream is = p.getInputStream()) {
      result = is.readAllBytes();
    }
    try {
      writer.join();
      if (p.waitFor() != 0) {
        throw new IOException("gzip failed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return result;
  }
}
