package io.authpipe.benchmarks;

import io.authpipe.kms.emulator.KmsEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Runs the steps of the report one after another, timing each and counting the KMS requests it caused. */
final class PhaseMeter {
    private final KmsEmulator emulator;
    private final List<Phase> phases = new ArrayList<>();

    PhaseMeter(KmsEmulator emulator) {
        this.emulator = emulator;
    }

    /** Runs {@code work}, which seals or opens {@code envelopes} envelopes, and records it. */
    Phase run(String scenario, String step, long envelopes, Runnable work) {
        return measure(scenario, step, envelopes, () -> {
            work.run();
            return null;
        }).phase;
    }

    /** Runs {@code work} and records it; returns what it returned. */
    <T> T call(String scenario, String step, Supplier<T> work) {
        return measure(scenario, step, 0, work).result;
    }

    /** Every step so far, in order. */
    List<Phase> phases() {
        return List.copyOf(phases);
    }

    private <T> Measured<T> measure(String scenario, String step, long envelopes, Supplier<T> work) {
        KmsCalls before = KmsCalls.of(emulator);
        long start = System.nanoTime();
        T result = work.get();
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        Phase phase = new Phase(scenario, step, envelopes, wall, KmsCalls.of(emulator).minus(before));
        phases.add(phase);
        return new Measured<>(result, phase);
    }

    private record Measured<T>(T result, Phase phase) {
    }
}
