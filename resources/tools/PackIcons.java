import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Packs rendered PNGs into a Windows .ico and a macOS .icns, both of which may hold plain PNG images. Written in Java
 * (run as {@code java PackIcons.java ...}) so that building the icons needs nothing beyond the JDK and rsvg-convert.
 *
 * <p>Usage: {@code java PackIcons.java <png-dir> <out.ico> <out.icns>}; {@code <png-dir>} holds sociscope-N.png.
 */
public final class PackIcons {
  private static final int[] ICO_SIZES = {16, 32, 48, 64, 128, 256};
  // ICNS element types that hold a PNG of the given edge length.
  private static final Map<String, Integer> ICNS_TYPES = new LinkedHashMap<>();

  static {
    ICNS_TYPES.put("icp4", 16);
    ICNS_TYPES.put("icp5", 32);
    ICNS_TYPES.put("icp6", 64);
    ICNS_TYPES.put("ic07", 128);
    ICNS_TYPES.put("ic08", 256);
    ICNS_TYPES.put("ic09", 512);
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: java PackIcons.java <png-dir> <out.ico> <out.icns>");
      System.exit(2);
    }
    Path pngDir = Path.of(args[0]);
    Files.write(Path.of(args[1]), ico(pngDir));
    Files.write(Path.of(args[2]), icns(pngDir));
  }

  private static byte[] png(Path dir, int size) throws IOException {
    return Files.readAllBytes(dir.resolve("sociscope-" + size + ".png"));
  }

  private static byte[] ico(Path dir) throws IOException {
    List<byte[]> images = new ArrayList<>();
    for (int size : ICO_SIZES) {
      images.add(png(dir, size));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    LittleEndian out = new LittleEndian(bytes);
    out.u16(0); // reserved
    out.u16(1); // type: icon
    out.u16(images.size());
    int offset = 6 + 16 * images.size();
    for (int i = 0; i < images.size(); i++) {
      int size = ICO_SIZES[i];
      out.u8(size >= 256 ? 0 : size); // 0 means 256
      out.u8(size >= 256 ? 0 : size);
      out.u8(0); // no palette
      out.u8(0); // reserved
      out.u16(1); // colour planes
      out.u16(32); // bits per pixel
      out.u32(images.get(i).length);
      out.u32(offset);
      offset += images.get(i).length;
    }
    for (byte[] image : images) {
      bytes.write(image);
    }
    return bytes.toByteArray();
  }

  private static byte[] icns(Path dir) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(body); // big-endian, as ICNS wants
    for (Map.Entry<String, Integer> type : ICNS_TYPES.entrySet()) {
      byte[] image = png(dir, type.getValue());
      out.writeBytes(type.getKey());
      out.writeInt(8 + image.length);
      out.write(image);
    }
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    DataOutputStream header = new DataOutputStream(file);
    header.writeBytes("icns");
    header.writeInt(8 + body.size());
    body.writeTo(file);
    return file.toByteArray();
  }

  private static final class LittleEndian {
    private final ByteArrayOutputStream out;

    LittleEndian(ByteArrayOutputStream out) {
      this.out = out;
    }

    void u8(int v) {
      out.write(v & 0xff);
    }

    void u16(int v) {
      u8(v);
      u8(v >>> 8);
    }

    void u32(int v) {
      u16(v);
      u16(v >>> 16);
    }
  }
}
