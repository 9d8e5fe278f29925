package io.authpipe.vault.internal;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.Purpose;
import io.authpipe.vault.SecretBinding;
import java.util.HexFormat;

/**
 * Known-answer vectors for the v1 and v2 formats (v2: {@code src/test/resources/golden-v2/generate.py}), computed independently of this code (Python {@code cryptography} AESGCM
 * over the layouts in {@code vault/ENVELOPE.md}). They pin the formats: if a test using them fails, stored data
 * would stop decrypting.
 */
public final class GoldenVectors {
    /** DEK = 0x00, 0x01, ..., 0x1f. */
    public static final byte[] DEK = range(0x00, 32);
    /** Envelope IV = 0x10 ... 0x1b. */
    public static final byte[] ENVELOPE_IV = range(0x10, 12);
    /** KEK = 0x40 ... 0x5f (base64 {@code QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=}). */
    public static final byte[] KEK = range(0x40, 32);
    /** Wrap IV = 0x20 ... 0x2b. */
    public static final byte[] WRAP_IV = range(0x20, 12);
    public static final String KEK_REF = "local:ca2a4fe727faaecf";
    public static final TenantId TENANT = TenantId.of("acme");
    public static final SecretBinding BINDING = new SecretBinding(TENANT, "mastodon", "alice", Purpose.ACCESS_TOKEN);
    public static final String PLAINTEXT = "tok_golden-vector";

    public static final String AAD_HEX = "0100000001" + "61757468706970652d6161642d7631"
            + "0000000461636d65" + "000000086d6173746f646f6e" + "00000005616c696365" + "0000000c4143434553535f544f4b454e";
    /** Envelope of {@link #PLAINTEXT} under {@link #DEK}, key id 1, {@link #ENVELOPE_IV}, {@link #BINDING}. */
    public static final String ENVELOPE_HEX = "01" + "00000001" + "101112131415161718191a1b"
            + "0991f3492ea656d7af1b256b6a1a1d3ca5" + "a9aabf825a9576607b9c9017ae5535b1";
    /** Canonical encryption context {tenant: acme, purpose: tenant-data-key}. */
    public static final String CONTEXT_HEX = "61757468706970652d65632d7631" + "00000002"
            + "00000007707572706f7365" + "0000000f74656e616e742d646174612d6b6579"
            + "0000000674656e616e74" + "0000000461636d65";
    /** {@link #DEK} wrapped under {@link #KEK} with {@link #WRAP_IV} for tenant acme. */
    public static final String WRAPPED_HEX = "01" + "202122232425262728292a2b"
            + "35eac1e31b71561e7c3c36e73279509c83b7fe5b556115ae9971e433bda3d6ca" + "f63549ac828bf8711535eed3e51bdb48";

    /** Tenant KEK of acme, key 1 = 0x60 ... 0x7f; its file is wrapped under {@link #KEK} (the master key). */
    public static final byte[] TENANT_KEK = range(0x60, 32);
    /** IV of the tenant KEK file = 0x20 ... 0x2b; IV of the DEK wrapped under the tenant KEK = 0x24 ... 0x2f. */
    public static final byte[] TENANT_KEK_FILE_IV = range(0x20, 12);
    public static final byte[] DEK_WRAP_IV_V2 = range(0x24, 12);
    public static final String KEK_REF_V2 = "local:acme:1:4d8d274ff7e176af";
    /** The 61 bytes in {@code kek.key.tenants/acme-1.kek}: {@link #TENANT_KEK} wrapped by {@link #KEK}. */
    public static final String TENANT_KEK_FILE_HEX = "01" + "202122232425262728292a2b"
            + "558aa1837b11367e1c5c5687521930fce3d79e3b350175cef9118453ddc3b6aa"
            + "8cdc255048221993f7b6297b12e12b0f";
    /** {@link #DEK} wrapped under {@link #TENANT_KEK} for tenant acme. */
    public static final String WRAPPED_DEK_V2_HEX = "01" + "2425262728292a2b2c2d2e2f"
            + "f062a4fedc0f09be215b8020cc1f06b9f49cbed6dac15c8e28b5004d65e40425"
            + "57a6dae760fbce43c9525f9d9793542c";
    private static final String HEADER_V2_HEX = "02" + "001d" + "6c6f63616c3a61636d653a313a34643864323734666637653137366166"
            + "003d" + WRAPPED_DEK_V2_HEX;
    public static final String AAD_V2_HEX = HEADER_V2_HEX + "61757468706970652d6161642d7632"
            + "0000000461636d65" + "000000086d6173746f646f6e" + "00000005616c696365" + "0000000c4143434553535f544f4b454e";
    /** Envelope v2 of {@link #PLAINTEXT} under {@link #DEK}, {@link #KEK_REF_V2}, {@link #ENVELOPE_IV}, {@link #BINDING}. */
    public static final String ENVELOPE_V2_HEX = HEADER_V2_HEX + "101112131415161718191a1b"
            + "0991f3492ea656d7af1b256b6a1a1d3ca5" + "f377809d1655b08627141f6e6376624d";

    private GoldenVectors() {
    }

    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static byte[] range(int first, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (first + i);
        }
        return bytes;
    }
}
