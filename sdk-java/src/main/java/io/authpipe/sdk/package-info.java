/**
 * The Authpipe Java SDK: {@link io.authpipe.sdk.Authpipe} (built once per process), the {@link
 * io.authpipe.sdk.Credential} it returns and the {@link io.authpipe.sdk.AuthpipeException} family it throws. What lies
 * under {@code internal} may change in any release.
 */
package io.authpipe.sdk;
