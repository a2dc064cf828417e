package dev.sociscope.app.cli;

import dev.sociscope.core.format.ByteSize;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The converter of every byte-size option ({@code --min-layer-size}, ...): {@code 65536}, {@code 64KiB},
 * {@code 4MiB}, {@code 1GiB}, 0 or more, parsed by core's {@link ByteSize}. A bad value is a usage error (exit 2)
 * with one line naming it. Options whose size must be positive (span sizes) use {@link Positive}.
 */
final class ByteSizes implements ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    try {
      return ByteSize.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** As {@link ByteSizes}, and {@code 0} is rejected too. */
  static final class Positive implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        return ByteSize.parsePositive(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
