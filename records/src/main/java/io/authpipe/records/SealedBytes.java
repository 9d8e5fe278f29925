package io.authpipe.records;

import io.authpipe.events.EncryptedSecret;
import java.nio.ByteBuffer;

/** Moves vault envelopes in and out of Avro {@code bytes} fields. */
public final class SealedBytes {
    private SealedBytes() {
    }

    public static EncryptedSecret wrap(byte[] envelope) {
        return new EncryptedSecret(ByteBuffer.wrap(envelope));
    }

    public static byte[] unwrap(EncryptedSecret secret) {
        return bytes(secret.getEnvelope());
    }

    /** A copy of the buffer's remaining bytes; the buffer's position is left alone. */
    public static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
