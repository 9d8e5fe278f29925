package io.authpipe.broker.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers on every answer, set before any route runs so errors carry them too. The API answers JSON and
 * redirects; the few answers a browser shows (the OAuth callback's errors, {@code /oauth/finished}) are never
 * sniffed into HTML, framed, cached or allowed to load or run anything, and leak no URL as a referrer. Credentials
 * and API keys are in answers of several routes, so nothing is stored by a cache.
 */
final class ResponseHeaders implements Filter {
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletResponse http = (HttpServletResponse) response;
        http.setHeader("X-Content-Type-Options", "nosniff");
        http.setHeader("Cache-Control", "no-store");
        http.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        http.setHeader("X-Frame-Options", "DENY");
        http.setHeader("Referrer-Policy", "no-referrer");
        chain.doFilter(request, response);
    }
}
