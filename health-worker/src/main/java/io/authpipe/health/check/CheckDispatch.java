package io.authpipe.health.check;

/** Where the schedule hands due checks. */
public interface CheckDispatch {

    /** How many more checks can be handed over now. */
    int room();

    /** Hands a check over; false when full or that connection's check is already waiting or running. */
    boolean offer(CheckJob job);
}
