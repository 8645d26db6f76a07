package io.sightline.ingest.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sightline.ingest.export.AnsweringServer.Answer;

/**
 * {@link ExportTls} through {@link HttpExportTransport} against a real HTTPS server with a
 * self-signed certificate made by keytool: the CA file, no CA, insecureSkipVerify, mutual TLS, and
 * the PEM reader's errors.
 */
class ExportTlsTest {
    @TempDir
    static Path dir;
    private static TestCertificates certificates;

    @BeforeAll
    static void generate() throws Exception {
        certificates = TestCertificates.shared();
    }

    private static SendOutcome send(AnsweringServer server, ExportTls tls) {
        URI url = URI.create("https://127.0.0.1:" + server.port() + "/api/v1/write");
        try (HttpExportTransport transport = new HttpExportTransport(
                HttpTransportConfig.remoteWrite(url).withTls(tls), InstantSource.system())) {
            return transport.send(new ExportRequest(new byte[] {1, 2, 3}, 1));
        }
    }

    @Test
    void theCaFileTrustsTheServersSelfSignedCertificate() throws Exception {
        try (AnsweringServer server = AnsweringServer.https(certificates.serverContext(), false)) {
            server.answer(Answer.of(204));
            assertThat(send(server, ExportTls.trusting(certificates.certificate()))).isEqualTo(SendOutcome.Accepted.ALL);
            assertThat(server.received().headers().getFirst("Content-Encoding")).isEqualTo("snappy");
        }
    }

    @Test
    void withoutTheCaFileTheHandshakeFailsAndIsRetryable() throws Exception {
        try (AnsweringServer server = AnsweringServer.https(certificates.serverContext(), false)) {
            SendOutcome outcome = send(server, ExportTls.DEFAULT);
            assertThat(outcome).isInstanceOf(SendOutcome.Retryable.class);
            assertThat(((SendOutcome.Retryable) outcome).reason())
                    .startsWith("TLS with https://127.0.0.1:" + server.port() + "/api/v1/write failed: ");
            assertThat(server.received()).isNull();
        }
    }

    @Test
    void insecureSkipVerifyAcceptsAnUntrustedCertificate() throws Exception {
        try (AnsweringServer server = AnsweringServer.https(certificates.serverContext(), false)) {
            server.answer(Answer.of(204));
            assertThat(send(server, new ExportTls(null, null, null, true))).isEqualTo(SendOutcome.Accepted.ALL);
        }
    }

    @Test
    void mutualTlsPresentsTheClientCertificate() throws Exception {
        try (AnsweringServer server = AnsweringServer.https(certificates.serverContext(), true)) {
            server.answer(Answer.of(204));
            ExportTls withoutClientCertificate = ExportTls.trusting(certificates.certificate());
            assertThat(send(server, withoutClientCertificate)).isInstanceOf(SendOutcome.Retryable.class);
            assertThat(server.received()).isNull();

            ExportTls mutual = withoutClientCertificate.withClientCertificate(certificates.certificate(), certificates.key());
            assertThat(send(server, mutual)).isEqualTo(SendOutcome.Accepted.ALL);
            assertThat(server.received()).isNotNull();
        }
    }

    @Test
    void unreadableOrWrongFilesFailAtConstructionNamingTheFile() throws Exception {
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> TlsContexts.jdk(ExportTls.trusting(missing)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining(missing.toString());

        Path pkcs1 = Files.writeString(dir.resolve("rsa.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> PemFiles.privateKey(pkcs1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(pkcs1.toString()).hasMessageContaining("openssl pkcs8 -topk8");

        Path notACertificate = Files.writeString(dir.resolve("empty.pem"), "hello\n");
        assertThatThrownBy(() -> PemFiles.certificates(notACertificate)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(notACertificate.toString());

        assertThatThrownBy(() -> new ExportTls(null, certificates.certificate(), null, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs its key");
    }
}
