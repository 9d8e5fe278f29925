package io.authpipe.kafka.internal;

import io.authpipe.kafka.KafkaRuntimeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats a KRaft log directory with Kafka's own {@code kafka-storage format} ({@link StorageTool}), once: a
 * directory holding {@code meta.properties} is already formatted and keeps its cluster id.
 */
public final class LogDirFormatter {
    private static final Logger LOG = LoggerFactory.getLogger(LogDirFormatter.class);

    private LogDirFormatter() {
    }

    /** Formats {@code logDir} with a new random cluster id unless it is formatted already. */
    public static void formatIfNeeded(Path logDir, Properties brokerProperties) {
        formatIfNeeded(logDir, brokerProperties, Uuid.randomUuid().toString());
    }

    /** Formats {@code logDir} with {@code clusterId} (every node of a cluster shares it) unless it is formatted. */
    public static void formatIfNeeded(Path logDir, Properties brokerProperties, String clusterId) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        Path config = writeTemporary(brokerProperties);
        try {
            runFormat(clusterId, config);
            LOG.info("Formatted Kafka log dir {} with cluster id {}", logDir, clusterId);
        } finally {
            deleteQuietly(config);
        }
    }

    private static void runFormat(String clusterId, Path config) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String[] args = {"format", "-t", clusterId, "-c", config.toString()};
        int exitCode;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(args, out);
        } catch (RuntimeException e) {
            throw new KafkaRuntimeException("kafka-storage format failed: " + output.toString(StandardCharsets.UTF_8), e);
        }
        if (exitCode != 0) {
            throw new KafkaRuntimeException("kafka-storage format exited with " + exitCode + ": "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    private static Path writeTemporary(Properties properties) {
        try {
            Path file = Files.createTempFile("authpipe-kraft-", ".properties");
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                properties.store(writer, "Authpipe embedded Kafka (temporary, for kafka-storage format)");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write temporary broker config", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete temporary broker config {}", file, e);
        }
    }
}
