package io.authpipe.broker.session;

import java.util.Optional;

/**
 * The connect page's click: {@code POST /v1/connect-sessions/{id}/start}.
 *
 * @param instance      the server the user typed, when the session names none
 * @param origin        the opener's origin, when a page opened the connect page (must be an allowed origin)
 * @param nonce         the opener's nonce for this open, echoed in the result message
 * @param mode          {@code popup}, {@code redirect} or {@code page}
 * @param browserCookie the binding cookie the browser already has, if any
 */
public record StartRequest(Optional<String> instance, Optional<String> origin, Optional<String> nonce, String mode,
                           Optional<String> browserCookie) {
}
