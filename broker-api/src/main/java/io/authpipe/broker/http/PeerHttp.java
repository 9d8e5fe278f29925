package io.authpipe.broker.http;

import io.authpipe.broker.config.KeyStoreFile;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * The HTTP client one broker-api instance calls its peers with: no redirects followed, a short connect timeout
 * (peers are near), a budget for the whole call, and, for https peers, the configured trust store (else the JVM's).
 */
final class PeerHttp {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private PeerHttp() {
    }

    static OkHttpClient client(Optional<KeyStoreFile> trustStore) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder().followRedirects(false).followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(CONNECT_TIMEOUT).readTimeout(CALL_TIMEOUT).callTimeout(CALL_TIMEOUT);
        trustStore.ifPresent(store -> {
            X509TrustManager trust = trustManager(store);
            builder.sslSocketFactory(sslContext(trust).getSocketFactory(), trust);
        });
        return builder.build();
    }

    private static X509TrustManager trustManager(KeyStoreFile store) {
        try {
            KeyStore keys = KeyStore.getInstance(store.path().toFile(), store.password().reveal().toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(keys);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X.509 trust manager for " + store.path());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the peer trust store " + store.path(), e);
        }
    }

    private static SSLContext sslContext(X509TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }
}
