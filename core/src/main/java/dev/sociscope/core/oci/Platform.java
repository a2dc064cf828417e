package dev.sociscope.core.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The platform of an image manifest, as in an image index entry or an image config.
 *
 * <pre>{@code {"architecture":"arm64","os":"linux","os.version":"10.0.17763.1234","os.features":["win32k"],"variant":"v8"}}</pre>
 *
 * <p>Empty strings mean "absent" for {@code osVersion} and {@code variant} (Go writes them with {@code omitempty}).
 *
 * @param architecture CPU architecture, e.g. {@code amd64}; never null (may be empty)
 * @param os operating system, e.g. {@code linux}; never null (may be empty)
 * @param osVersion e.g. a Windows build number; empty when absent
 * @param osFeatures e.g. {@code win32k}; empty when absent
 * @param variant CPU variant, e.g. {@code v7}; empty when absent
 */
public record Platform(String architecture, String os, String osVersion, List<String> osFeatures, String variant) {

  public Platform {
    architecture = Objects.requireNonNullElse(architecture, "");
    os = Objects.requireNonNullElse(os, "");
    osVersion = Objects.requireNonNullElse(osVersion, "");
    osFeatures = osFeatures == null ? List.of() : List.copyOf(osFeatures);
    variant = Objects.requireNonNullElse(variant, "");
  }

  /** {@code os/architecture[/variant]} with nothing else. */
  public static Platform of(String os, String architecture, String variant) {
    return new Platform(architecture, os, "", List.of(), variant);
  }

  /**
   * Parses {@code os[/arch[/variant]]} as containerd's {@code platforms.Parse} does, then normalises it. A single
   * component that is a known architecture (e.g. {@code arm64}) means {@code linux/<arch>}.
   *
   * @throws IllegalArgumentException when the text is empty, has more than three parts or an empty part
   */
  public static Platform parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty platform; expected os/arch[/variant], e.g. linux/arm64/v8");
    }
    String[] parts = text.trim().split("/", -1);
    if (parts.length > 3) {
      throw new IllegalArgumentException("invalid platform '" + text + "': expected os/arch[/variant]");
    }
    for (String part : parts) {
      if (part.isEmpty() || !part.matches("[A-Za-z0-9_.-]+")) {
        throw new IllegalArgumentException("invalid platform '" + text + "': bad component '" + part + "'");
      }
    }
    if (parts.length == 1) {
      Platform asArch = of("linux", parts[0], "").normalize();
      if (isKnownArch(asArch.architecture())) {
        return asArch;
      }
      return of(parts[0], "", "").normalize();
    }
    return of(parts[0], parts[1], parts.length == 3 ? parts[2] : "").normalize();
  }

  /**
   * containerd's {@code platforms.Normalize}: lower-case, {@code macos} to {@code darwin}, {@code x86_64} to
   * {@code amd64}, {@code aarch64} to {@code arm64} (variant {@code v8} dropped), {@code armhf} to {@code arm/v7},
   * {@code armel} to {@code arm/v6}, bare {@code arm} to {@code arm/v7}, {@code i386} to {@code 386}.
   * {@code osVersion} and {@code osFeatures} are kept.
   */
  public Platform normalize() {
    String normOs = os.toLowerCase(Locale.ROOT);
    if (normOs.equals("macos")) {
      normOs = "darwin";
    }
    String arch = architecture.toLowerCase(Locale.ROOT);
    String var = variant.toLowerCase(Locale.ROOT);
    switch (arch) {
      case "i386":
        arch = "386";
        var = "";
        break;
      case "x86_64":
      case "x86-64":
      case "amd64":
        arch = "amd64";
        if (var.equals("v1")) {
          var = "";
        }
        break;
      case "aarch64":
      case "arm64":
        arch = "arm64";
        if (var.equals("8") || var.equals("v8") || var.equals("v8.0")) {
          var = "";
        } else if (var.equals("9") || var.equals("9.0") || var.equals("v9.0")) {
          var = "v9";
        }
        break;
      case "armhf":
        arch = "arm";
        var = "v7";
        break;
      case "armel":
        arch = "arm";
        var = "v6";
        break;
      case "arm":
        if (var.isEmpty() || var.equals("7")) {
          var = "v7";
        } else if (var.equals("5") || var.equals("6") || var.equals("8")) {
          var = "v" + var;
        }
        break;
      default:
        break;
    }
    return new Platform(arch, normOs, osVersion, osFeatures, var);
  }

  /** Whether both platforms are the same after normalisation (os, architecture, variant only). */
  public boolean matches(Platform other) {
    Platform a = normalize();
    Platform b = other.normalize();
    return a.os.equals(b.os) && a.architecture.equals(b.architecture) && a.variant.equals(b.variant);
  }

  /** {@code os/arch[/variant]}, e.g. {@code linux/arm/v7}. */
  public String format() {
    List<String> parts = new ArrayList<>(List.of(os, architecture));
    if (!variant.isEmpty()) {
      parts.add(variant);
    }
    return String.join("/", parts);
  }

  @Override
  public String toString() {
    return format();
  }

  private static boolean isKnownArch(String arch) {
    switch (arch) {
      case "386": case "amd64": case "amd64p32": case "arm": case "armbe": case "arm64": case "arm64be":
      case "ppc64": case "ppc64le": case "loong64": case "mips": case "mipsle": case "mips64": case "mips64le":
      case "mips64p32": case "mips64p32le": case "ppc": case "riscv": case "riscv64": case "s390": case "s390x":
      case "sparc": case "sparc64": case "wasm":
        return true;
      default:
        return false;
    }
  }
}
