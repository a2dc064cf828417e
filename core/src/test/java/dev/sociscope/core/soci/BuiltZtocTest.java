package dev.sociscope.core.soci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.testing.Vectors;
import dev.sociscope.core.ztoc.ZtocReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BuiltZtocTest {

  @ParameterizedTest
  @CsvSource({
      "ztoc/pax.tar.gz.span-1MiB.ztoc, true, true, false",
      "ztoc/gnu-fname.tar.gz.span-1MiB.ztoc, false, false, true",
      "ztoc/multimember.tar.gz.span-1MiB.ztoc, false, false, true",
      "ztoc/plain.tar.span-1MiB.ztoc, false, false, true",
  })
  void readsXattrAndOpaqueFactsFromARealZtoc(String file, boolean xattrs, boolean opaque, boolean canDisable)
      throws Exception {
    byte[] blob = Vectors.bytes(file);
    BuiltZtoc built = BuiltZtoc.of(ZtocReader.read(blob), blob, false);
    assertThat(built.hasXattrs()).isEqualTo(xattrs);
    assertThat(built.hasOpaqueWhiteout()).isEqualTo(opaque);
    assertThat(built.xattrsCanBeDisabled()).isEqualTo(canDisable);
    assertThat(built.size()).isEqualTo(blob.length);
  }
}
