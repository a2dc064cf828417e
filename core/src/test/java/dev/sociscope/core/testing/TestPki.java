package dev.sociscope.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A certificate authority made with openssl for one test: a CA, server certificates for given names or addresses,
 * and client certificates, as PEM files in {@code dir}. Keys are written as openssl writes them by default (PKCS#8)
 * or in the older forms ({@code RSA PRIVATE KEY}, {@code EC PRIVATE KEY}) on request.
 */
public final class TestPki {
  private final Path dir;
  private final Path caCert;
  private final Path caKey;

  private TestPki(Path dir, Path caCert, Path caKey) {
    this.dir = dir;
    this.caCert = caCert;
    this.caKey = caKey;
  }

  /** A new CA named {@code CN=<name>} in {@code dir}. */
  public static TestPki create(Path dir, String name) throws IOException {
    ExternalTools.require("openssl");
    Files.createDirectories(dir);
    Path cert = dir.resolve("ca.crt");
    Path key = dir.resolve("ca.key");
    TestImages.run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", key.toString(), "-out", cert.toString(), "-subj", "/CN=" + name, "-days", "2",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    return new TestPki(dir, cert, key);
  }

  public Path caCertificate() {
    return caCert;
  }

  /** A certificate and key for a server, with {@code sans} such as {@code IP:10.1.2.3} or {@code DNS:reg.test}. */
  public Pair server(String name, String... sans) throws IOException {
    return issue(name, "serverAuth", "rsa", String.join(",", sans));
  }

  /** A client certificate ({@code clientAuth}) with an RSA key. */
  public Pair client(String name) throws IOException {
    return issue(name, "clientAuth", "rsa", null);
  }

  private Pair issue(String name, String usage, String keyType, String sans) throws IOException {
    Path key = dir.resolve(name + ".key");
    Path csr = dir.resolve(name + ".csr");
    Path cert = dir.resolve(name + ".crt");
    Path ext = dir.resolve(name + ".ext");
    if (keyType.equals("rsa")) {
      TestImages.run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out",
          csr.toString(), "-subj", "/CN=" + name);
    } else {
      TestImages.run("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
          "-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=" + name);
    }
    Files.writeString(ext, "basicConstraints=CA:FALSE\nextendedKeyUsage=" + usage + "\n"
        + (sans == null || sans.isEmpty() ? "" : "subjectAltName=" + sans + "\n"));
    TestImages.run("openssl", "x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey",
        caKey.toString(), "-CAcreateserial", "-out", cert.toString(), "-days", "2", "-extfile", ext.toString());
    return new Pair(cert, key);
  }

  /** The same key written as {@code RSA PRIVATE KEY} (PKCS#1), as {@code openssl rsa -traditional} does. */
  public Path pkcs1(Path rsaKey) throws IOException {
    Path out = rsaKey.resolveSibling(rsaKey.getFileName() + ".pkcs1");
    TestImages.run("openssl", "rsa", "-traditional", "-in", rsaKey.toString(), "-out", out.toString());
    return out;
  }

  /** A new EC client key as {@code EC PRIVATE KEY} (SEC 1) and its certificate. */
  public Pair ecClientSec1(String name) throws IOException {
    Pair p = issue(name, "clientAuth", "ec", null);
    Path sec1 = dir.resolve(name + ".sec1.key");
    TestImages.run("openssl", "ec", "-in", p.key().toString(), "-out", sec1.toString());
    return new Pair(p.certificate(), sec1);
  }

  /** A certificate file and its key file. */
  public record Pair(Path certificate, Path key) {}
}
