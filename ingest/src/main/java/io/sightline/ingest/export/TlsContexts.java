package io.sightline.ingest.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;

/**
 * Builds the TLS contexts of {@link ExportTls}: a JDK {@link SSLContext} for the HTTP client and a
 * Netty {@link SslContext} for grpc-java, from the same certificates and key, so both transports
 * trust and present the same things. Called once per transport; the contexts are thread-safe.
 */
final class TlsContexts {
    /** The in-memory key store's password; the store never leaves this class. */
    private static final char[] STORE_PASSWORD = "sightline-export".toCharArray();

    private TlsContexts() {
    }

    /** The context for {@link java.net.http.HttpClient}. */
    static SSLContext jdk(ExportTls tls) {
        try {
            KeyManager[] keyManagers = null;
            if (tls.clientCertificate() != null) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                List<X509Certificate> chain = PemFiles.certificates(tls.clientCertificate());
                store.setKeyEntry("client", PemFiles.privateKey(tls.clientKey()), STORE_PASSWORD,
                        chain.toArray(X509Certificate[]::new));
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, STORE_PASSWORD);
                keyManagers = factory.getKeyManagers();
            }
            TrustManager[] trustManagers = null;
            if (tls.insecureSkipVerify()) {
                trustManagers = new TrustManager[] {TrustingEverything.INSTANCE};
            } else if (tls.caFile() != null) {
                trustManagers = trustFactory(PemFiles.certificates(tls.caFile())).getTrustManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers, null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the TLS context: " + e.getMessage(), e);
        }
    }

    /** The context for grpc-java's Netty channel (ALPN h2 configured by {@link GrpcSslContexts}). */
    static SslContext grpc(ExportTls tls) {
        SslContextBuilder builder = GrpcSslContexts.forClient();
        if (tls.insecureSkipVerify()) {
            builder.trustManager(TrustingEverything.INSTANCE);
        } else if (tls.caFile() != null) {
            builder.trustManager(PemFiles.certificates(tls.caFile()));
        }
        if (tls.clientCertificate() != null) {
            PrivateKey key = PemFiles.privateKey(tls.clientKey());
            builder.keyManager(key, PemFiles.certificates(tls.clientCertificate()));
        }
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the gRPC TLS context: " + e.getMessage(), e);
        }
    }

    private static TrustManagerFactory trustFactory(List<X509Certificate> certificates) throws GeneralSecurityException,
            IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < certificates.size(); i++) {
            store.setCertificateEntry("ca-" + i, certificates.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }

    /**
     * {@code insecureSkipVerify}: accepts every chain. An <em>extended</em> trust manager, because
     * JSSE checks the host name itself only around plain {@code X509TrustManager}s, so this one
     * also skips the host name check, as Go's {@code InsecureSkipVerify} does.
     */
    private static final class TrustingEverything extends X509ExtendedTrustManager {
        static final TrustingEverything INSTANCE = new TrustingEverything();

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
