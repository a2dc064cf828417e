package dev.sociscope.core.ztoc;

import java.util.Locale;

/** The tar entry types a zTOC can hold, with the text upstream stores in FileMetadata.type. */
public enum EntryType {
  REG("reg"),
  DIR("dir"),
  SYMLINK("symlink"),
  HARDLINK("hardlink"),
  CHAR("char"),
  BLOCK("block"),
  FIFO("fifo");

  private final String wireName;

  EntryType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Parses the stored text; throws {@link IllegalArgumentException} naming the value when unknown. */
  public static EntryType fromWireName(String text) {
    for (EntryType t : values()) {
      if (t.wireName.equals(text)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown tar entry type '" + text + "'");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
