package io.sightline.ingest.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

/**
 * Reads the PEM files of {@link ExportTls}: certificates and an unencrypted PKCS#8 private key. The
 * JDK has no stable PEM API yet (JEP 470 is a preview in Java 25), so the key block is decoded here;
 * certificates go through {@link CertificateFactory}, which reads PEM itself. Errors name the file.
 */
final class PemFiles {
    private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String KEY_END = "-----END PRIVATE KEY-----";
    /** The algorithms a PKCS#8 key is tried as, in order (the JDK's KeyFactory names). */
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "EdDSA");

    private PemFiles() {
    }

    /** Every certificate of {@code file}, at least one. */
    static List<X509Certificate> certificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = new ArrayList<>();
            CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .forEach(c -> certificates.add((X509Certificate) c));
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("no PEM certificate in " + file);
            }
            return certificates;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read certificate file " + file, e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("invalid PEM certificate in " + file + ": " + e.getMessage(), e);
        }
    }

    /** The unencrypted PKCS#8 private key of {@code file}. */
    static PrivateKey privateKey(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + file, e);
        }
        int begin = text.indexOf(KEY_BEGIN);
        int end = text.indexOf(KEY_END);
        if (begin < 0 || end < begin) {
            String found = text.contains("-----BEGIN RSA PRIVATE KEY-----") || text.contains("-----BEGIN EC PRIVATE KEY-----")
                    ? " (found a PKCS#1/SEC1 key: convert it with `openssl pkcs8 -topk8 -nocrypt`)"
                    : text.contains("ENCRYPTED PRIVATE KEY") ? " (encrypted keys are not supported)" : "";
            throw new IllegalArgumentException("no unencrypted PKCS#8 key (" + KEY_BEGIN + ") in " + file + found);
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + KEY_BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid base64 in the key of " + file + ": " + e.getMessage(), e);
        }
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm (or not available here): try the next
            }
        }
        throw new IllegalArgumentException("the key in " + file + " is not an RSA, EC or Ed25519 PKCS#8 key");
    }
}
