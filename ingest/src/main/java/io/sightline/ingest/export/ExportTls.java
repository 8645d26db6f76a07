package io.sightline.ingest.export;

import java.nio.file.Path;

/**
 * How an exporter's transport sets up TLS (an {@code https} URL, or gRPC without {@code plaintext}).
 * Files are PEM: certificates as {@code -----BEGIN CERTIFICATE-----} blocks, the key unencrypted
 * PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}; RSA, EC or Ed25519). They are read once, when the
 * transport is built; a missing or unreadable file fails then, naming the file.
 *
 * @param caFile             certificates to trust instead of the JVM's default trust store, or null
 *                           for the default store
 * @param clientCertificate  the client's certificate chain for mutual TLS, or null; needs {@code clientKey}
 * @param clientKey          the private key of {@code clientCertificate}, or null
 * @param insecureSkipVerify trust any server certificate and skip the host name check (default false;
 *                           for tests and private networks only: the connection is encrypted but not
 *                           authenticated)
 */
public record ExportTls(Path caFile, Path clientCertificate, Path clientKey, boolean insecureSkipVerify) {
    /** The JVM's trust store, no client certificate, verification on. */
    public static final ExportTls DEFAULT = new ExportTls(null, null, null, false);

    public ExportTls {
        if ((clientCertificate == null) != (clientKey == null)) {
            throw new IllegalArgumentException("a client certificate needs its key and a key its certificate: "
                    + "clientCertificate=" + clientCertificate + ", clientKey=" + clientKey);
        }
    }

    /** Trusting only the certificates of {@code caFile}. */
    public static ExportTls trusting(Path caFile) {
        return new ExportTls(caFile, null, null, false);
    }

    /** This configuration with a client certificate and key for mutual TLS. */
    public ExportTls withClientCertificate(Path certificate, Path key) {
        return new ExportTls(caFile, certificate, key, insecureSkipVerify);
    }
}
