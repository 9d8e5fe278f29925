package io.authpipe.broker.flow;

import java.util.Optional;

/**
 * What the browser brought back to the OAuth callback (RFC 6749 §4.1.2), plus the tenant of the redirect URI and
 * the browser's binding cookie ({@code BrowserCookie}).
 */
public record CallbackParams(Optional<String> tenant, Optional<String> state, Optional<String> code,
                             Optional<String> error, Optional<String> browserCookie) {
}
