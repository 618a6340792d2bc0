package io.strata.platform.app;

import java.time.Duration;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --grace}: a whole number with a unit ({@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}), or {@code 0}. */
final class GracePeriod implements ITypeConverter<Duration> {

  private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})([smhd]?)");

  @Override
  public Duration convert(String value) {
    var match = FORMAT.matcher(value.trim());
    if (!match.matches() || (match.group(2).isEmpty() && Long.parseLong(match.group(1)) != 0)) {
      throw new TypeConversionException("'" + value + "' is not a grace period; give e.g. 90s, 30m, 24h, 7d or 0");
    }
    long amount = Long.parseLong(match.group(1));
    return switch (match.group(2)) {
      case "s", "" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }
}
