package io.authpipe.vault.kms;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** The printed forms a leaked byte array would take: hex, base64, {@link Arrays#toString}. */
public final class Secrets {
    private Secrets() {
    }

    public static String[] forms(byte[] bytes) {
        return new String[] {HexFormat.of().formatHex(bytes), Base64.getEncoder().encodeToString(bytes), Arrays.toString(bytes)};
    }
}
