package io.authpipe.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * What a script needs to drive the embedded default, written to {@code <home>/dev.json} (mode 0600: it holds the
 * dev tenant's API key and the admin token, which are development credentials). {@code schemaRegistryUrl} is the
 * Confluent-compatible registry the records go through, or null when they are written without one.
 */
public record DevFacts(String apiUrl, String tenantId, String apiKey, String adminToken, String returnTo,
                       String sandboxUrl, List<SandboxLogin> sandboxUsers, String kafkaBootstrapServers,
                       String demoUrl, String schemaRegistryUrl) {

    /** A seeded sandbox user. */
    public record SandboxLogin(String username, String password) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    public static Optional<DevFacts> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), DevFacts.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "DevFacts[" + apiUrl + ", tenant " + tenantId + "]";
    }
}
