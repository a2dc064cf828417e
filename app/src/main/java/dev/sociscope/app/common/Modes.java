package dev.sociscope.app.common;

import dev.sociscope.core.ztoc.EntryType;

/** Renders a tar mode as {@code ls -l} does: type letter, then rwx triplets with setuid/setgid/sticky. */
public final class Modes {
  private Modes() {}

  public static String rwx(EntryType type, long mode) {
    StringBuilder sb = new StringBuilder(10);
    sb.append(typeLetter(type));
    int m = (int) (mode & 07777);
    triplet(sb, m >> 6, (m & 04000) != 0, 's');
    triplet(sb, m >> 3, (m & 02000) != 0, 's');
    triplet(sb, m, (m & 01000) != 0, 't');
    return sb.toString();
  }

  private static void triplet(StringBuilder sb, int bits, boolean special, char specialChar) {
    sb.append((bits & 4) != 0 ? 'r' : '-');
    sb.append((bits & 2) != 0 ? 'w' : '-');
    boolean x = (bits & 1) != 0;
    if (special) {
      sb.append(x ? specialChar : Character.toUpperCase(specialChar));
    } else {
      sb.append(x ? 'x' : '-');
    }
  }

  private static char typeLetter(EntryType type) {
    switch (type) {
      case DIR:
        return 'd';
      case SYMLINK:
        return 'l';
      case CHAR:
        return 'c';
      case BLOCK:
        return 'b';
      case FIFO:
        return 'p';
      case HARDLINK:
        return 'h';
      default:
        return '-';
    }
  }

  /** The mode as four octal digits, e.g. {@code 0755}. */
  public static String octal(long mode) {
    return String.format("%04o", mode & 07777);
  }
}
