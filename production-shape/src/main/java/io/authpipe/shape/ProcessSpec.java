package io.authpipe.shape;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One process of the shape: its name ({@code kafka-1}, {@code broker-api-2}), its main class, its environment (the
 * whole of it: nothing is inherited), its heap, and where it answers once it is ready.
 *
 * @param readyAt an HTTP URL that answers 200 once the process serves; empty for Kafka nodes (the cluster is ready
 *                when a majority is up, see {@link ProductionShape})
 */
public record ProcessSpec(String name, String role, String mainClass, Map<String, String> env, String heap,
                          Optional<URI> readyAt) {

    public ProcessSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(mainClass, "mainClass");
        env = Map.copyOf(env);
        Objects.requireNonNull(heap, "heap");
        Objects.requireNonNull(readyAt, "readyAt");
    }

    /** {@code toString} names the environment's keys, never its values (the peer secret, the admin token). */
    @Override
    public String toString() {
        return "ProcessSpec[" + name + ", " + mainClass + ", env keys " + new java.util.TreeSet<>(env.keySet()) + "]";
    }
}
