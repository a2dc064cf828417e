package dev.sociscope.core.ztoc;

import dev.sociscope.core.json.GoJson;
import java.util.ArrayList;
import java.util.List;

/**
 * What upstream's {@code soci ztoc info} prints for a zTOC (spec 9): sizes, span counts and, per file, the spans
 * it touches. {@link #toJson()} prints it exactly as the Go tool does ({@code json.MarshalIndent} with two
 * spaces, Go key order, {@code "files": null} when there are none, Go string escaping).
 *
 * @param size the zTOC blob size in bytes
 * @param spanSize from the checkpoint data (gzip blob header or TarZinfo)
 * @param numSpans {@code max_span_id + 1}
 * @param numMultiSpanFiles files whose start and end span differ
 */
public record ZtocInfo(String version, String buildTool, long size, long spanSize, long numSpans, int numFiles,
    int numMultiSpanFiles, List<FileInfo> files) {

  public ZtocInfo {
    files = List.copyOf(files);
  }

  /**
   * One TOC entry as {@code soci ztoc info} shows it.
   *
   * @param startSpan {@code spanOf(offset)}
   * @param endSpan {@code spanOf(offset + size)}: exclusive end, so a file ending on a span boundary reaches into
   *     the next span, as upstream computes it
   */
  public record FileInfo(String filename, long offset, long size, String type, int startSpan, int endSpan) {
    public boolean multiSpan() {
      return startSpan != endSpan;
    }
  }

  /** Computes the info for {@code ztoc}, whose serialized form is {@code ztocSize} bytes. */
  public static ZtocInfo of(Ztoc ztoc, Zinfo zinfo, long ztocSize) {
    List<FileInfo> files = new ArrayList<>(ztoc.files().size());
    int multi = 0;
    for (FileMetadata f : ztoc.files()) {
      FileInfo fi = new FileInfo(f.name(), f.uncompressedOffset(), f.uncompressedSize(), f.type().wireName(),
          zinfo.spanOf(f.uncompressedOffset()), zinfo.spanOf(f.uncompressedOffset() + f.uncompressedSize()));
      if (fi.multiSpan()) {
        multi++;
      }
      files.add(fi);
    }
    return new ZtocInfo(ztoc.version(), ztoc.buildToolIdentifier(), ztocSize, zinfo.spanSize(),
        ztoc.compressionInfo().maxSpanId() + 1L, files.size(), multi, files);
  }

  /** Reads and validates zTOC bytes and computes their info. */
  public static ZtocInfo of(byte[] ztocBytes) throws ZtocFormatException {
    ZtocReader.Parsed parsed = ZtocReader.readWithZinfo(ztocBytes);
    return of(parsed.ztoc(), parsed.zinfo(), ztocBytes.length);
  }

  /** The JSON text upstream prints, including the final newline of Go's {@code fmt.Println}. */
  public String toJson() {
    StringBuilder sb = new StringBuilder(256 + files.size() * 160);
    sb.append("{\n");
    field(sb, "  ", "version").append(GoJson.quote(version)).append(",\n");
    field(sb, "  ", "build_tool").append(GoJson.quote(buildTool)).append(",\n");
    field(sb, "  ", "size").append(size).append(",\n");
    field(sb, "  ", "span_size").append(spanSize).append(",\n");
    field(sb, "  ", "num_spans").append(numSpans).append(",\n");
    field(sb, "  ", "num_files").append(numFiles).append(",\n");
    field(sb, "  ", "num_multi_span_files").append(numMultiSpanFiles).append(",\n");
    field(sb, "  ", "files");
    if (files.isEmpty()) {
      sb.append("null\n");
    } else {
      sb.append("[\n");
      for (int i = 0; i < files.size(); i++) {
        FileInfo f = files.get(i);
        sb.append("    {\n");
        field(sb, "      ", "filename").append(GoJson.quote(f.filename())).append(",\n");
        field(sb, "      ", "offset").append(f.offset()).append(",\n");
        field(sb, "      ", "size").append(f.size()).append(",\n");
        field(sb, "      ", "type").append(GoJson.quote(f.type())).append(",\n");
        field(sb, "      ", "start_span").append(f.startSpan()).append(",\n");
        field(sb, "      ", "end_span").append(f.endSpan()).append('\n');
        sb.append(i + 1 < files.size() ? "    },\n" : "    }\n");
      }
      sb.append("  ]\n");
    }
    return sb.append("}\n").toString();
  }

  private static StringBuilder field(StringBuilder sb, String indent, String name) {
    return sb.append(indent).append('"').append(name).append("\": ");
  }
}
