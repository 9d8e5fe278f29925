package io.authpipe.kms.emulator.internal;

/** An injected outage: what every request gets instead of an answer, whatever it asks. */
public enum Fault {
    /** No fault: requests are answered. */
    NONE,
    /** HTTP 503 {@code KMSInternalException}; the SDK retries it. */
    INTERNAL_ERROR,
    /** HTTP 400 {@code ThrottlingException}; the SDK treats it as throttling and retries it. */
    THROTTLING,
    /** The connection is closed without a response; the SDK sees an I/O error. */
    DROP
}
