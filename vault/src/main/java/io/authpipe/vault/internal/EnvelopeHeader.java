package io.authpipe.vault.internal;

import io.authpipe.vault.KekRef;

/**
 * What a v2 envelope says about its key: the KEK ref and the wrapped DEK (not secret), and where the IV starts.
 *
 * @param kek        the KEK that wrapped the data key
 * @param wrappedDek the wrapped data key (the array is not copied: internal use only)
 * @param ivOffset   the offset of the IV, i.e. the length of the header
 */
public record EnvelopeHeader(KekRef kek, byte[] wrappedDek, int ivOffset) {

    @Override
    public String toString() {
        return "EnvelopeHeader[kek=" + kek + ", wrappedDek=[" + wrappedDek.length + " bytes]]";
    }
}
