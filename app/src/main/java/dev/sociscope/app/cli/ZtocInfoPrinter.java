package dev.sociscope.app.cli;

import dev.sociscope.core.format.ByteSize;
import dev.sociscope.core.format.FileMode;
import dev.sociscope.core.ztoc.Checkpoint;
import dev.sociscope.core.ztoc.CompressionInfo;
import dev.sociscope.core.ztoc.EntryType;
import dev.sociscope.core.ztoc.FileMetadata;
import dev.sociscope.core.ztoc.GzipZinfo;
import dev.sociscope.core.ztoc.PaxRecord;
import dev.sociscope.core.format.TerminalText;
import dev.sociscope.core.ztoc.TarZinfo;
import dev.sociscope.core.ztoc.Zinfo;
import dev.sociscope.core.ztoc.Ztoc;
import dev.sociscope.core.ztoc.ZtocInfo;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** The human-readable text of {@code sociscope ztoc info}. Names are escaped so no byte can drive the terminal. */
final class ZtocInfoPrinter {
  private final PrintWriter out;
  private final Ztoc ztoc;
  private final Zinfo zinfo;
  private final ZtocInfo info;

  ZtocInfoPrinter(PrintWriter out, Ztoc ztoc, Zinfo zinfo, ZtocInfo info) {
    this.out = out;
    this.ztoc = ztoc;
    this.zinfo = zinfo;
    this.info = info;
  }

  void printSummary(String source) {
    CompressionInfo ci = ztoc.compressionInfo();
    row("zTOC", TerminalText.escape(source));
    row("Version", TerminalText.escape(info.version()));
    row("Build tool", TerminalText.escape(info.buildTool()));
    row("Size", bytes(info.size()));
    row("Layer blob", bytes(ztoc.compressedArchiveSize()));
    row("Tar stream", bytes(ztoc.uncompressedArchiveSize()) + ", up to the end-of-archive blocks");
    row("Compression", ci.algorithm().displayName());
    row("Span size", bytes(info.spanSize()));
    row("Spans", Long.toString(info.numSpans()));
    row("Files", Integer.toString(info.numFiles()));
    row("Multi-span files", Integer.toString(info.numMultiSpanFiles()));
  }

  void printCheckpoints() {
    out.println();
    if (zinfo instanceof GzipZinfo gzip) {
      out.printf("Checkpoints (%d):%n", gzip.checkpoints().size());
      out.printf("  %5s  %12s  %14s  %4s%n", "INDEX", "COMPRESSED", "UNCOMPRESSED", "BITS");
      List<Checkpoint> cps = gzip.checkpoints();
      for (int i = 0; i < cps.size(); i++) {
        Checkpoint c = cps.get(i);
        out.printf("  %5d  %12d  %14d  %4d%n", i, c.compressedOffset(), c.uncompressedOffset(), c.bits());
      }
    } else {
      TarZinfo tar = (TarZinfo) zinfo;
      out.printf("Checkpoints: none (uncompressed tar; TarZinfo version %d, span size %d, size %d)%n",
          tar.version(), tar.spanSize(), tar.size());
    }
    out.println();
    out.printf("Spans (%d):%n", zinfo.spanCount());
    out.printf("  %5s  %-27s  %-27s  %s%n", "SPAN", "COMPRESSED [start, end)", "UNCOMPRESSED [start, end)",
        "DIGEST");
    List<String> digests = ztoc.compressionInfo().spanDigests();
    for (int i = 0; i < zinfo.spanCount(); i++) {
      out.printf("  %5d  %-27s  %-27s  %s%n", i,
          range(zinfo.compressedStart(i), zinfo.compressedEnd(i)),
          range(zinfo.uncompressedStart(i), zinfo.uncompressedEnd(i)),
          TerminalText.escape(digests.get(i)));
    }
  }

  void printFileTable() {
    out.println();
    if (info.files().isEmpty()) {
      out.println("(no files)");
      return;
    }
    out.printf("%12s  %12s  %-8s  %-11s  %s%n", "OFFSET", "SIZE", "TYPE", "SPANS", "NAME");
    List<FileMetadata> files = ztoc.files();
    for (int i = 0; i < files.size(); i++) {
      FileMetadata f = files.get(i);
      ZtocInfo.FileInfo fi = info.files().get(i);
      out.printf("%12d  %12d  %-8s  %-11s  %s%n", f.uncompressedOffset(), f.uncompressedSize(),
          f.type().wireName(), spans(fi), nameWithLink(f));
    }
  }

  void printMetadata() {
    List<FileMetadata> files = ztoc.files();
    for (int i = 0; i < files.size(); i++) {
      FileMetadata f = files.get(i);
      ZtocInfo.FileInfo fi = info.files().get(i);
      out.println();
      out.printf("[%d] %s%n", i, TerminalText.escape(f.name()));
      field("type", f.type().wireName());
      field("data", "offset " + f.uncompressedOffset() + ", size " + f.uncompressedSize()
          + ", tar header at " + ztoc.tarHeaderOffset(i));
      field("spans", spans(fi));
      field("mode", "0" + Long.toOctalString(f.mode()) + " (" + modeString(f) + ")");
      field("owner", "uid " + f.uid() + " (" + TerminalText.escape(f.uname()) + "), gid " + f.gid() + " ("
          + TerminalText.escape(f.gname()) + ")");
      field("mtime", TerminalText.escape(f.modTime()));
      if (!f.linkname().isEmpty()) {
        field("link", TerminalText.escape(f.linkname()));
      }
      if (f.type() == EntryType.CHAR || f.type() == EntryType.BLOCK || f.devmajor() != 0 || f.devminor() != 0) {
        field("device", f.devmajor() + "," + f.devminor());
      }
      for (PaxRecord r : f.paxRecords()) {
        field("pax", TerminalText.escape(r.key()) + "=" + paxValue(r.value()));
      }
    }
  }

  private void row(String label, String value) {
    out.printf("%-17s %s%n", label + ":", value);
  }

  private void field(String label, String value) {
    out.printf("    %-7s %s%n", label, value);
  }

  private static String spans(ZtocInfo.FileInfo fi) {
    return fi.startSpan() == fi.endSpan() ? Integer.toString(fi.startSpan()) : fi.startSpan() + "-" + fi.endSpan();
  }

  private static String nameWithLink(FileMetadata f) {
    String name = TerminalText.escape(f.name());
    if (f.type() == EntryType.SYMLINK || f.type() == EntryType.HARDLINK) {
      return name + " -> " + TerminalText.escape(f.linkname());
    }
    return name;
  }

  private static String range(long start, long end) {
    return "[" + start + ", " + end + ")";
  }

  static String bytes(long n) {
    String exact = String.format(Locale.ROOT, "%,d bytes", n);
    if (n < 1024) {
      return exact;
    }
    return exact + " (" + ByteSize.human(n) + ")";
  }

  /** {@code ls -l} style, as the GUI and {@code sociscope ls -l} show it (core's {@link FileMode}). */
  static String modeString(FileMetadata f) {
    return FileMode.ls(f.type(), f.mode());
  }

  /** PAX values are bytes: text when they are valid UTF-8 without controls, else hex. */
  private static String paxValue(byte[] value) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(value)).toString();
      if (TerminalText.escape(text).equals(text)) {
        return text;
      }
    } catch (CharacterCodingException e) {
      // binary value: fall through to hex
    }
    StringBuilder sb = new StringBuilder("0x");
    for (byte b : value) {
      sb.append(String.format("%02x", b & 0xFF));
    }
    return sb.append(" (").append(value.length).append(" bytes)").toString();
  }
}
