package io.authpipe.kms.emulator.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An HTTP answer: a status and an AWS JSON 1.1 body. */
record Reply(int status, ObjectNode body) {

    static Reply ok(ObjectNode body) {
        return new Reply(200, body);
    }

    /** {@code {"__type":code,"message":message}}, the AWS JSON 1.1 error shape. */
    static Reply error(int status, String code, String message) {
        return new Reply(status, Json.object().put("__type", code).put("message", message));
    }

    static Reply of(ServiceError error) {
        return error(400, error.code(), error.getMessage());
    }

    /** What a fault answers, for the faults that answer at all. */
    static Reply of(Fault fault) {
        return switch (fault) {
            case INTERNAL_ERROR -> error(503, "KMSInternalException", "The KMS emulator is set to fail.");
            case THROTTLING -> error(400, "ThrottlingException", "Rate exceeded");
            case NONE, DROP -> throw new IllegalArgumentException("no reply for " + fault);
        };
    }
}
