package io.authpipe.kms.emulator.internal;

/** The key states the emulator models, with their AWS wire names. */
enum KeyState {
    ENABLED("Enabled"),
    DISABLED("Disabled"),
    PENDING_DELETION("PendingDeletion");

    private final String wireName;

    KeyState(String wireName) {
        this.wireName = wireName;
    }

    /** The name in {@code KeyMetadata.KeyState}, e.g. {@code PendingDeletion}. */
    String wireName() {
        return wireName;
    }
}
