/**
 * How a producer signs the requests it writes on Authpipe's request topics ({@code authpipe.connect-requests},
 * {@code authpipe.check-requests}), shared by the broker (which verifies) and the SDKs (which sign). Plain JDK, no
 * Avro: {@link io.authpipe.api.signing.CanonicalRequest} is the byte string that is signed,
 * {@link io.authpipe.api.signing.RequestSignature} the HMAC over it.
 */
package io.authpipe.api.signing;
