package io.authpipe.sdk;

/**
 * Every failure of the client. {@link #code()} is the server's stable error code ({@code connection_not_found}, ...)
 * or one of the client's own ({@code unavailable}, {@code tenant_mismatch}). Messages never carry an API key or a
 * token. Subclasses say whether trying again can help; this class itself is thrown for an answer the client does not
 * know (a 4xx other than the documented ones), which a retry does not fix.
 */
public class AuthpipeException extends RuntimeException {
    private final String code;

    public AuthpipeException(String code, String message) {
        super(message);
        this.code = code;
    }

    public AuthpipeException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The stable error code. */
    public String code() {
        return code;
    }
}
