package dev.sociscope.core.health;

import dev.sociscope.core.ztoc.Checkpoint;
import dev.sociscope.core.ztoc.CompressionInfo;
import dev.sociscope.core.ztoc.GzipZinfo;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.ZtocReader;
import dev.sociscope.core.ztoc.ZtocWriter;
import java.util.ArrayList;
import java.util.List;

/** Test corruption: a zTOC whose checkpoint windows (after the first) are zeroed, span digests left intact. */
final class ZeroedWindows {
  private ZeroedWindows() {}

  static byte[] of(byte[] ztocBytes) throws Exception {
    Ztoc ztoc = ZtocReader.read(ztocBytes);
    GzipZinfo zinfo = (GzipZinfo) Zinfo.of(ztoc);
    List<Checkpoint> zeroed = new ArrayList<>();
    for (Checkpoint c : zinfo.checkpoints()) {
      zeroed.add(new Checkpoint(c.compressedOffset(), c.uncompressedOffset(), c.bits(),
          c.uncompressedOffset() == 0 ? c.window() : new byte[Checkpoint.WINDOW_SIZE]));
    }
    CompressionInfo info = new CompressionInfo(ztoc.compressionInfo().algorithm(), ztoc.compressionInfo().maxSpanId(),
        ztoc.compressionInfo().spanDigests(), new GzipZinfo(zinfo.spanSize(), zeroed, zinfo.compressedArchiveSize(),
        zinfo.uncompressedArchiveSize()).encode());
    return ZtocWriter.write(new Ztoc(ztoc.version(), ztoc.buildToolIdentifier(), ztoc.compressedArchiveSize(),
        ztoc.uncompressedArchiveSize(), ztoc.files(), info));
  }
}
