/**
 * A local Mastodon 4.x double for Authpipe's dev mode and integration tests.
 *
 * <p>Start one with {@link io.authpipe.sandbox.mastodon.MastodonSandbox#start}, configured by
 * {@link io.authpipe.sandbox.mastodon.SandboxConfig} (version, token policy, rate limits, users, clock); drive the
 * browser part of OAuth with {@link io.authpipe.sandbox.mastodon.SandboxBrowser}; change the world behind the
 * broker's back (revocations, suspensions, deletions) with {@link io.authpipe.sandbox.mastodon.SandboxOperator}.
 * Behaviour follows the project's {@code reference/MASTODON.md}; section numbers in comments (§n) refer to it.
 */
package io.authpipe.sandbox.mastodon;
