package io.authpipe.sandbox.mastodon.internal.state;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Registered applications, in memory and thread-safe. */
public final class ApplicationRegistry {

    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Application> byClientId = new ConcurrentHashMap<>();
    private final Map<Long, Application> byId = new ConcurrentHashMap<>();

    /** Registers an app with fresh client credentials. */
    public Application register(String name, String website, List<String> redirectUris, ScopeSet scopes,
                                Instant now) {
        Application app = new Application(ids.incrementAndGet(), name, website, redirectUris, scopes,
                SecureTokens.urlsafe32(), SecureTokens.urlsafe32(), now);
        byClientId.put(app.clientId(), app);
        byId.put(app.id(), app);
        return app;
    }

    /** The app with this {@code client_id}. */
    public Optional<Application> byClientId(String clientId) {
        return clientId == null ? Optional.empty() : Optional.ofNullable(byClientId.get(clientId));
    }

    /** The app with this id. */
    public Optional<Application> byId(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every app's {@code client_secret}, for leak-scan tests. */
    public List<String> clientSecrets() {
        return byId.values().stream().map(Application::clientSecret).toList();
    }

    /** The number of registered apps. */
    public int count() {
        return byId.size();
    }
}
