package io.authpipe.kms.emulator.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One KMS operation: a request body in, a response body out, or a {@link ServiceError}. */
@FunctionalInterface
interface Operation {

    ObjectNode handle(JsonRequest request);
}
