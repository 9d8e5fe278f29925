/**
 * Implementation of the Mastodon sandbox, packaged by feature: {@code state} (in-memory stores), {@code apps}
 * (registration), {@code oauth} (authorize, token, revoke, sign-in), {@code api} (authenticated API checks and
 * entities), {@code discovery}, {@code ratelimit} (Rack::Attack), {@code faults} (failures injected into the
 * refresh grant, outages of the whole server), {@code operator} ({@code /_sandbox}), {@code browser} (the scripted
 * browser's internals) and {@code web} (HTTP helpers). Not an API: other modules use only
 * {@code io.authpipe.sandbox.mastodon}.
 */
package io.authpipe.sandbox.mastodon.internal;
