package io.authpipe.mastodon;

import io.authpipe.core.instance.GuardedDns;
import io.authpipe.core.instance.InstancePolicy;
import java.net.Proxy;
import java.time.Duration;
import okhttp3.OkHttpClient;

/** Builds the one {@link OkHttpClient} Authpipe talks to provider instances with. */
public final class MastodonHttp {
    private MastodonHttp() {
    }

    /**
     * A client that resolves hosts through {@link GuardedDns} and connects through its socket factory, so that the
     * instance policy holds for every connection, IP-literal hosts and allow-listed ports included; connects
     * directly, never through a JVM-wide proxy (a proxy would reach addresses the guard never sees); never follows
     * redirects (Mastodon answers plain http with a 301 that a client would replay as GET), sends a descriptive
     * {@code User-Agent} (some Cloudflare-fronted instances block requests without one) and has explicit timeouts.
     */
    public static OkHttpClient client(InstancePolicy policy, String userAgent, Duration timeout) {
        GuardedDns dns = new GuardedDns(policy);
        return new OkHttpClient.Builder()
                .dns(dns)
                .socketFactory(dns.socketFactory())
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .callTimeout(timeout.multipliedBy(2))
                .addInterceptor(chain -> chain.proceed(
                        chain.request().newBuilder().header("User-Agent", userAgent).build()))
                .build();
    }
}
