package io.authpipe.kms.emulator.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A consistent snapshot of a key's public state, for {@code KeyMetadata} responses. */
record KeyMetadata(UUID id, String arn, Instant creationDate, String description, KeyState state,
        Optional<Instant> deletionDate) {
}
