package io.authpipe.core.instance;

/** The instance a user gave is not a syntactically valid server address. The message is safe to show. */
public final class InvalidInstanceException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidInstanceException(String message) {
        super(message);
    }
}
