package dev.sociscope.core.format;

import dev.sociscope.core.ztoc.EntryType;

/**
 * A tar entry's type and mode as {@code ls -l} shows them, the same in the CLI and the GUI: the type letter
 * ({@code d l c b p}, {@code h} for a hard link, {@code -}), then the rwx triplets with setuid, setgid and sticky
 * ({@code rwsr-xr-x}; a capital {@code S}/{@code T} when the execute bit under it is off).
 */
public final class FileMode {
  private FileMode() {}

  public static String ls(EntryType type, long mode) {
    StringBuilder sb = new StringBuilder(10);
    sb.append(typeLetter(type));
    int m = (int) (mode & 07777);
    triplet(sb, m >> 6, (m & 04000) != 0, 's');
    triplet(sb, m >> 3, (m & 02000) != 0, 's');
    triplet(sb, m, (m & 01000) != 0, 't');
    return sb.toString();
  }

  /** The permission bits as four octal digits, e.g. {@code 4755}. */
  public static String octal(long mode) {
    return String.format("%04o", mode & 07777);
  }

  private static void triplet(StringBuilder sb, int bits, boolean special, char specialChar) {
    sb.append((bits & 4) != 0 ? 'r' : '-');
    sb.append((bits & 2) != 0 ? 'w' : '-');
    boolean x = (bits & 1) != 0;
    sb.append(special ? (x ? specialChar : Character.toUpperCase(specialChar)) : (x ? 'x' : '-'));
  }

  private static char typeLetter(EntryType type) {
    switch (type) {
      case DIR: return 'd';
      case SYMLINK: return 'l';
      case CHAR: return 'c';
      case BLOCK: return 'b';
      case FIFO: return 'p';
      case HARDLINK: return 'h';
      default: return '-';
    }
  }
}
