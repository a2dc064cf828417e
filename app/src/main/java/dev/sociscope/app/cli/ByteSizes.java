package dev.sociscope.app.cli;

import dev.sociscope.core.format.ByteSize;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The converter of every byte-size option: {@code 65536}, {@code 64KiB}, {@code 4MiB} (core's {@link ByteSize}). */
final class ByteSizes implements ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    try {
      return ByteSize.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
