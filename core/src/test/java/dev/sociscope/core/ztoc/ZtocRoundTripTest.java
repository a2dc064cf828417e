package dev.sociscope.core.ztoc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sociscope.core.testing.Vectors;
import dev.sociscope.core.testing.Vectors.ZtocVector;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading a golden zTOC and writing it again gives the reference bytes back, byte for byte. */
class ZtocRoundTripTest {

  static List<ZtocVector> vectors() {
    return Vectors.ztocs();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void writeOfReadIsByteIdentical(ZtocVector v) throws Exception {
    byte[] golden = Vectors.bytes(v.ztocFile());
    Ztoc ztoc = ZtocReader.read(golden);
    byte[] written = ZtocWriter.write(ztoc);
    assertThat(written).hasSize(golden.length);
    assertThat(written).isEqualTo(golden);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void writeToStreamsTheReferenceBytes(ZtocVector v) throws Exception {
    byte[] golden = Vectors.bytes(v.ztocFile());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n = ZtocWriter.writeTo(ZtocReader.read(golden), out);
    assertThat(n).isEqualTo(golden.length);
    assertThat(out.toByteArray()).isEqualTo(golden);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void writtenBytesReadBackToAnEqualZtoc(ZtocVector v) throws Exception {
    Ztoc ztoc = ZtocReader.read(Vectors.bytes(v.ztocFile()));
    assertThat(ZtocReader.read(ZtocWriter.write(ztoc))).isEqualTo(ztoc);
  }
}
