package io.authpipe.vault.internal;

import io.authpipe.vault.KekRef;
import io.authpipe.vault.SecretBinding;
import io.authpipe.vault.VaultCryptoException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * Envelope format version 2 (also in {@code vault/ENVELOPE.md}; never change it, add a version instead). The envelope
 * carries its wrapped data key and the canonical ref (AWS: key ARN) of the KEK that wrapped it:
 *
 * <pre>
 * 1 byte      format version = 0x02
 * 2 bytes     k = UTF-8 length of the KEK ref (uint16, big-endian), 1..65535
 * k bytes     KEK ref, UTF-8
 * 2 bytes     w = length of the wrapped DEK (uint16, big-endian), 1..65535
 * w bytes     wrapped DEK, exactly as the KMS returned it
 * 12 bytes    GCM IV (random per encryption)
 * n + 16      AES-256-GCM ciphertext of the UTF-8 secret, then the 16-byte tag
 *
 * AAD = every byte before the IV || UTF-8 "authpipe-aad-v2"
 *       || for each of (tenant, provider, subject, purpose name): int32 big-endian length || UTF-8 bytes
 * </pre>
 */
public final class EnvelopeV2 {
    /** The version byte. */
    public static final byte VERSION = 0x02;
    private static final String AAD_LABEL = "authpipe-aad-v2";
    private static final int MAX_FIELD = 0xFFFF;

    private EnvelopeV2() {
    }

    /** Seals {@code plaintext} with a fresh random IV. */
    public static byte[] seal(SecretKey dek, KekRef kek, byte[] wrappedDek, SecretBinding binding, byte[] plaintext) {
        return seal(dek, kek, wrappedDek, AesGcm.randomBytes(AesGcm.IV_BYTES), binding, plaintext);
    }

    /** Seals with a given IV. Only for known-answer tests: an IV must never repeat under one key. */
    static byte[] seal(SecretKey dek, KekRef kek, byte[] wrappedDek, byte[] iv, SecretBinding binding, byte[] plaintext) {
        byte[] header = header(kek, wrappedDek);
        byte[] sealed = AesGcm.seal(dek, iv, aad(header, binding), plaintext);
        return ByteBuffer.allocate(header.length + iv.length + sealed.length).put(header).put(iv).put(sealed).array();
    }

    /**
     * The header of a v2 envelope: which KEK, which wrapped DEK. Checks only the framing; the KMS and the tag check
     * the rest.
     *
     * @throws VaultCryptoException if {@code envelope} is not a well-formed v2 envelope
     */
    public static EnvelopeHeader parse(byte[] envelope) {
        try {
            ByteBuffer in = ByteBuffer.wrap(envelope);
            if (in.get() != VERSION) {
                throw VaultCryptoException.decryptionFailed();
            }
            String kek = Utf8.decodeStrict(field(in));
            byte[] wrapped = field(in);
            if (kek.isBlank() || in.remaining() < AesGcm.IV_BYTES + AesGcm.TAG_BYTES) {
                throw VaultCryptoException.decryptionFailed();
            }
            return new EnvelopeHeader(new KekRef(kek), wrapped, in.position());
        } catch (RuntimeException malformed) {
            throw malformed instanceof VaultCryptoException crypto ? crypto : VaultCryptoException.decryptionFailed();
        }
    }

    /** The plaintext of {@code envelope} (whose header is {@code header}), sealed under {@code dek} for {@code binding}. */
    public static byte[] open(SecretKey dek, EnvelopeHeader header, SecretBinding binding, byte[] envelope) {
        int ivOffset = header.ivOffset();
        byte[] aad = aad(Arrays.copyOfRange(envelope, 0, ivOffset), binding);
        byte[] iv = Arrays.copyOfRange(envelope, ivOffset, ivOffset + AesGcm.IV_BYTES);
        return AesGcm.open(dek, iv, aad, envelope, ivOffset + AesGcm.IV_BYTES);
    }

    static byte[] header(KekRef kek, byte[] wrappedDek) {
        byte[] ref = kek.value().getBytes(StandardCharsets.UTF_8);
        if (ref.length > MAX_FIELD || wrappedDek.length == 0 || wrappedDek.length > MAX_FIELD) {
            throw new IllegalArgumentException("KEK ref and wrapped key must be 1 to 65535 bytes");
        }
        return ByteBuffer.allocate(1 + 2 + ref.length + 2 + wrappedDek.length).put(VERSION)
                .putShort((short) ref.length).put(ref).putShort((short) wrappedDek.length).put(wrappedDek).array();
    }

    static byte[] aad(byte[] header, SecretBinding binding) {
        return new LengthPrefixed().raw(header).label(AAD_LABEL)
                .field(binding.tenant().value()).field(binding.provider())
                .field(binding.subject()).field(binding.purpose().name())
                .toByteArray();
    }

    private static byte[] field(ByteBuffer in) {
        int length = Short.toUnsignedInt(in.getShort());
        if (length == 0) {
            throw VaultCryptoException.decryptionFailed();
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }
}
