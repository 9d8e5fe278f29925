package io.authpipe.sdk.internal;

import io.authpipe.api.model.ApiJson;
import io.authpipe.sdk.CacheMetrics;
import io.authpipe.sdk.StreamState;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * The client's parts wired together: two HTTP clients (requests, and the event stream on its own connection), the
 * cache, the stream, and their daemon threads.
 */
public final class SdkCore implements AutoCloseable {
    static final long COARSE_CLOCK_PERIOD_MILLIS = 5;
    private final CredentialCache cache;
    private final EventStream stream;
    private final ExecutorService httpThreads;
    private final ScheduledExecutorService scheduler;

    private SdkCore(CredentialCache cache, EventStream stream, ExecutorService httpThreads,
                    ScheduledExecutorService scheduler) {
        this.cache = cache;
        this.stream = stream;
        this.httpThreads = httpThreads;
        this.scheduler = scheduler;
    }

    /**
     * Settings already validated by the builder. {@code clock} null: the system clock, read every
     * {@link #COARSE_CLOCK_PERIOD_MILLIS} by a timer ({@link CoarseClock}) rather than by every hit.
     */
    public record Settings(String apiKey, URI baseUrl, Duration expiryMargin, Duration maxStaleness, int maxEntries,
                           Duration timeout, Clock clock) {
    }

    public static SdkCore start(Settings settings) {
        ExecutorService httpThreads = Executors.newCachedThreadPool(daemon("authpipe-http"));
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("authpipe-timer"));
        Clock clock = settings.clock() != null ? settings.clock()
                : CoarseClock.start(Clock.systemUTC(), scheduler, COARSE_CLOCK_PERIOD_MILLIS);
        ObjectMapper json = ApiJson.mapper();
        String authorization = "Bearer " + settings.apiKey();
        CredentialFetcher fetcher = new CredentialFetcher(client(settings, httpThreads), settings.baseUrl(),
                authorization, settings.timeout(), new Answers(json, clock), httpThreads);
        CredentialCache cache = new CredentialCache(fetcher, clock, settings.expiryMargin(),
                settings.maxStaleness(), settings.maxEntries());
        EventStream stream = new EventStream(client(settings, httpThreads), settings.baseUrl(), authorization,
                settings.timeout(), cache, json, clock);
        stream.start(scheduler);
        return new SdkCore(cache, stream, httpThreads, scheduler);
    }

    private static HttpClient client(Settings settings, ExecutorService threads) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout())
                .executor(threads).build();
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    public CredentialCache cache() {
        return cache;
    }

    public StreamState streamState() {
        return stream.state();
    }

    public CacheMetrics metrics() {
        return cache.metrics(stream.state());
    }

    @Override
    public void close() {
        stream.close();
        scheduler.shutdownNow();
        httpThreads.shutdownNow();
    }
}
