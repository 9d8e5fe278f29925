package io.authpipe.schemas;

/**
 * The compatibility levels Authpipe sets on its registry subjects, by their Confluent API names. A registry refuses
 * to register a schema under a subject whose level the schema would break.
 */
public enum Compatibility {
    /** A new schema reads data written with every earlier one: readers upgrade first. */
    BACKWARD_TRANSITIVE,
    /** Every earlier schema reads data written with a new one: writers upgrade first. */
    FORWARD_TRANSITIVE,
    /** Both: readers and writers upgrade in any order, and the whole history stays readable. */
    FULL_TRANSITIVE
}
