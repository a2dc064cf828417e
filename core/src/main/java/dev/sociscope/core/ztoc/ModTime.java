package dev.sociscope.core.ztoc;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

/**
 * The text form of a zTOC entry's modification time (spec 4.2): RFC 3339 as Go's {@code time.MarshalText}
 * writes it, layout {@code 2006-01-02T15:04:05.999999999Z07:00}: up to nine fraction digits, trailing zeros
 * removed, no fraction when it is zero. Upstream formats in the builder's local zone; {@link #format} always
 * writes UTC with {@code Z}, and {@link #parse} accepts any offset.
 */
public final class ModTime {
  private static final DateTimeFormatter PARSER = new DateTimeFormatterBuilder()
      .appendValue(ChronoField.YEAR, 4)
      .appendLiteral('-')
      .appendValue(ChronoField.MONTH_OF_YEAR, 2)
      .appendLiteral('-')
      .appendValue(ChronoField.DAY_OF_MONTH, 2)
      .appendLiteral('T')
      .appendValue(ChronoField.HOUR_OF_DAY, 2)
      .appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
      .appendLiteral(':')
      .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
      .optionalStart()
      .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
      .optionalEnd()
      .appendOffset("+HH:MM", "Z")
      .toFormatter()
      .withResolverStyle(ResolverStyle.STRICT)
      .withChronology(java.time.chrono.IsoChronology.INSTANCE);

  private ModTime() {}

  /**
   * Formats {@code time} in UTC as upstream stores it. Go's {@code MarshalText} fails for years outside
   * 0..9999 and upstream then stores an empty string; so does this method.
   */
  public static String format(Instant time) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(time.getEpochSecond(), time.getNano(), ZoneOffset.UTC);
    if (t.getYear() < 0 || t.getYear() > 9999) {
      return "";
    }
    StringBuilder sb = new StringBuilder(30);
    pad(sb, t.getYear(), 4).append('-');
    pad(sb, t.getMonthValue(), 2).append('-');
    pad(sb, t.getDayOfMonth(), 2).append('T');
    pad(sb, t.getHour(), 2).append(':');
    pad(sb, t.getMinute(), 2).append(':');
    pad(sb, t.getSecond(), 2);
    int nanos = t.getNano();
    if (nanos != 0) {
      StringBuilder fraction = new StringBuilder(9);
      pad(fraction, nanos, 9);
      int end = fraction.length();
      while (fraction.charAt(end - 1) == '0') {
        end--;
      }
      sb.append('.').append(fraction, 0, end);
    }
    return sb.append('Z').toString();
  }

  /** Formats seconds since the epoch plus nanoseconds (0..999999999), as {@link #format(Instant)}. */
  public static String format(long epochSecond, long nanos) {
    return format(Instant.ofEpochSecond(epochSecond, nanos));
  }

  /**
   * Parses RFC 3339 text with any offset ({@code Z}, {@code +02:00}, {@code -05:00}) and up to nine fraction
   * digits into an instant.
   *
   * @throws IllegalArgumentException naming the text when it is not such a time
   */
  public static Instant parse(String text) {
    try {
      return OffsetDateTime.parse(text, PARSER).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not an RFC 3339 time: '" + text + "'", e);
    }
  }

  private static StringBuilder pad(StringBuilder sb, int value, int width) {
    String s = Integer.toString(value);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(s);
  }
}
