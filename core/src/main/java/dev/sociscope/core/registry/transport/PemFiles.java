package dev.sociscope.core.registry.transport;

import dev.sociscope.core.error.InvalidRequestException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificates and private keys in PEM files as openssl, Docker and podman write them: any number of
 * {@code CERTIFICATE} blocks; a key as {@code PRIVATE KEY} (PKCS#8), {@code RSA PRIVATE KEY} (PKCS#1) or
 * {@code EC PRIVATE KEY} (SEC 1). Encrypted keys are refused with a sentence saying so.
 */
public final class PemFiles {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");
  private static final int MAX_FILE = 4 << 20;

  private PemFiles() {}

  /** Every certificate in {@code file}; at least one, else a one-line error naming the file. */
  public static List<X509Certificate> certificates(Path file) throws IOException {
    List<X509Certificate> out = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (Block b : blocks(file)) {
        if (b.type().equals("CERTIFICATE") || b.type().equals("TRUSTED CERTIFICATE")) {
          out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
        }
      }
    } catch (CertificateException e) {
      throw new InvalidRequestException(file + ": not a valid PEM certificate (" + e.getMessage() + ")");
    }
    if (out.isEmpty()) {
      throw new InvalidRequestException(file + ": no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)");
    }
    return out;
  }

  /** The private key in {@code file}. */
  public static PrivateKey privateKey(Path file) throws IOException {
    for (Block b : blocks(file)) {
      switch (b.type()) {
        case "PRIVATE KEY":
          return pkcs8(file, b.der());
        case "RSA PRIVATE KEY":
          return pkcs8(file, Pkcs8.fromPkcs1(b.der()));
        case "EC PRIVATE KEY":
          return pkcs8(file, Pkcs8.fromSec1(file, b.der()));
        case "ENCRYPTED PRIVATE KEY":
          throw new InvalidRequestException(file + ": the key is encrypted; decrypt it first (openssl pkey -in "
              + file.getFileName() + " -out key.pem)");
        default:
          // certificates or parameters next to the key: skip
      }
    }
    throw new InvalidRequestException(file + ": no PEM private key in it (expected -----BEGIN PRIVATE KEY-----)");
  }

  private static PrivateKey pkcs8(Path file, byte[] der) throws InvalidRequestException {
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "EdDSA"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException | IllegalArgumentException tryNext) {
        // not this algorithm
      }
    }
    throw new InvalidRequestException(file + ": not a readable private key (RSA, EC or Ed25519 expected)");
  }

  private record Block(String type, byte[] der) {}

  private static List<Block> blocks(Path file) throws IOException {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_FILE) {
        throw new InvalidRequestException(file + ": too large for a PEM file");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidRequestException(file + ": no such file");
    }
    String text = new String(bytes, StandardCharsets.US_ASCII);
    if (text.contains("Proc-Type: 4,ENCRYPTED")) {
      throw new InvalidRequestException(file + ": the key is encrypted; decrypt it first (openssl pkey)");
    }
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      try {
        out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2).strip())));
      } catch (IllegalArgumentException e) {
        throw new InvalidRequestException(file + ": a PEM block of type " + m.group(1) + " is not valid base64");
      }
    }
    return out;
  }
}
