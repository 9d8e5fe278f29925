package io.authpipe.sandbox.mastodon.internal.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Cookie;
import okhttp3.CookieJar;
import okhttp3.HttpUrl;

/**
 * An in-memory cookie jar: one browser profile. Cookies are keyed by domain, path and name; expiry is ignored
 * (the sandbox only sets session cookies).
 */
public final class MemoryCookieJar implements CookieJar {

    private final Map<String, Cookie> cookies = new ConcurrentHashMap<>();

    @Override
    public void saveFromResponse(HttpUrl url, List<Cookie> received) {
        for (Cookie cookie : received) {
            cookies.put(cookie.domain() + cookie.path() + ";" + cookie.name(), cookie);
        }
    }

    @Override
    public List<Cookie> loadForRequest(HttpUrl url) {
        List<Cookie> matching = new ArrayList<>();
        for (Cookie cookie : cookies.values()) {
            if (cookie.matches(url)) {
                matching.add(cookie);
            }
        }
        return matching;
    }

    /** Forgets every cookie (signs the browser out). */
    public void clear() {
        cookies.clear();
    }
}
