package dev.sociscope.app.common;

import dev.sociscope.core.format.FileMode;
import dev.sociscope.core.format.ByteSize;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.ztoc.EntryType;
import org.junit.jupiter.api.Test;

class FormatsTest {
  @Test
  void humanSizes() {
    assertThat(ByteSize.human(0)).isEqualTo("0 B");
    assertThat(ByteSize.human(1023)).isEqualTo("1023 B");
    assertThat(ByteSize.human(1024)).isEqualTo("1.0 KiB");
    assertThat(ByteSize.human(3749609)).isEqualTo("3.6 MiB");
    assertThat(ByteSize.human(150L << 20)).isEqualTo("150 MiB");
    assertThat(ByteSize.exact(6350336)).isEqualTo("6,350,336");
  }

  @Test
  void modesAsLsShowsThem() {
    assertThat(FileMode.ls(EntryType.REG, 0644)).isEqualTo("-rw-r--r--");
    assertThat(FileMode.ls(EntryType.DIR, 01777)).isEqualTo("drwxrwxrwt");
    assertThat(FileMode.ls(EntryType.REG, 07777)).isEqualTo("-rwsrwsrwt");
    assertThat(FileMode.ls(EntryType.REG, 06644)).isEqualTo("-rwSr-Sr--");
    assertThat(FileMode.ls(EntryType.SYMLINK, 0100777)).isEqualTo("lrwxrwxrwx");
    assertThat(FileMode.octal(0100755)).isEqualTo("0755");
  }

  @Test
  void errorsInPlainWordsWithTheTraceAsDetails() {
    UserError e = ErrorDescriber.describe(new dev.sociscope.core.ztoc.ZtocFormatException("bad vtable at 12"));
    assertThat(e.summary()).isEqualTo("Damaged or invalid data: bad vtable at 12");
    assertThat(e.details()).contains("ZtocFormatException").contains("at ");
    assertThat(ErrorDescriber.describe(new java.nio.file.NoSuchFileException("/x.ztoc")).summary())
        .isEqualTo("Not found: /x.ztoc");
  }
}
