package dev.sociscope.app.service;

import dev.sociscope.app.common.Progress;
import dev.sociscope.app.model.LayerSource;
import dev.sociscope.app.model.ZtocDocument;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.Ztoc;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Opens zTOC files from disk and the demo bundled in the app's resources. */
public final class LocalZtocService implements ZtocService {
  static final String DEMO_ZTOC = "/dev/sociscope/app/demo/gnutar-pax.tar.gz.span-64KiB.ztoc";
  static final String DEMO_LAYER = "/dev/sociscope/app/demo/gnutar-pax.tar.gz";
  /** Upstream-style zTOC names: {@code <layer file>.span-<size>.ztoc}. */
  private static final Pattern SPAN_SUFFIX = Pattern.compile("(.+)\\.span-[^.]+\\.ztoc");
  private static final long MAX_ZTOC_BYTES = 1L << 30;

  private final ZtocDecoder decoder;
  private final Path cacheDir;

  /** @param cacheDir where the demo layer is unpacked so it can be read like any local file */
  public LocalZtocService(ZtocDecoder decoder, Path cacheDir) {
    this.decoder = decoder;
    this.cacheDir = cacheDir;
  }

  @Override
  public ZtocDocument open(Path ztoc, Optional<Path> layer, Progress progress) throws Exception {
    progress.update(-1, -1);
    long size = Files.size(ztoc);
    if (size > MAX_ZTOC_BYTES) {
      throw new IOException(ztoc + " is " + size + " bytes, too large to be a zTOC");
    }
    byte[] bytes = Files.readAllBytes(ztoc);
    progress.transferred(bytes.length);
    progress.checkCancelled();
    Optional<LayerSource> source = layer.map(LayerSource::local);
    return decode(ztoc.getFileName().toString(), Optional.of(ztoc), source, bytes, progress);
  }

  @Override
  public ZtocDocument openDemo(Progress progress) throws Exception {
    byte[] bytes = resource(DEMO_ZTOC);
    Path layer = cacheDir.resolve("demo").resolve("gnutar-pax.tar.gz");
    if (!Files.exists(layer)) {
      Files.createDirectories(layer.getParent());
      Path tmp = Files.createTempFile(layer.getParent(), "demo", ".tmp");
      try (InputStream in = LocalZtocService.class.getResourceAsStream(DEMO_LAYER)) {
        if (in == null) {
          throw new IOException("the demo layer is missing from the application");
        }
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, layer, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
    return decode("demo: gnutar-pax.tar.gz", Optional.empty(),
        Optional.of(LayerSource.local("demo layer gnutar-pax.tar.gz", layer)), bytes, progress);
  }

  private ZtocDocument decode(String title, Optional<Path> path, Optional<LayerSource> layer, byte[] bytes,
      Progress progress) throws Exception {
    progress.message(dev.sociscope.app.common.Messages.get("task.decoding"));
    Ztoc ztoc = decoder.decode(bytes);
    Zinfo zinfo = Zinfo.of(ztoc);
    progress.checkCancelled();
    progress.message(dev.sociscope.app.common.Messages.get("task.indexing", ztoc.files().size()));
    return ZtocDocument.of(title, path, layer, ztoc, zinfo, progress::isCancelled);
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = LocalZtocService.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("the demo zTOC is missing from the application");
      }
      return in.readAllBytes();
    }
  }

  @Override
  public Optional<Path> findLayerFor(Path ztoc) {
    Path dir = ztoc.toAbsolutePath().getParent();
    if (dir == null) {
      return Optional.empty();
    }
    String name = ztoc.getFileName().toString();
    Matcher m = SPAN_SUFFIX.matcher(name);
    String layerName = m.matches() ? m.group(1) : name.endsWith(".ztoc")
        ? name.substring(0, name.length() - ".ztoc".length()) : name;
    for (Path candidate : new Path[] {dir.resolve(layerName), dir.resolveSibling("layers").resolve(layerName)}) {
      if (Files.isRegularFile(candidate) && !candidate.equals(ztoc.toAbsolutePath())) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
