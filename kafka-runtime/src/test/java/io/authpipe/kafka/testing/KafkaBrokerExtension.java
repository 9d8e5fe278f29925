package io.authpipe.kafka.testing;

import io.authpipe.kafka.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests one real {@link EmbeddedKafka} shared by the whole test JVM.
 *
 * <p>The broker starts on first use in a fresh directory under {@code target/} (the system temp directory when
 * there is no {@code target/}) and is closed, and its directory deleted, when the test run ends (it lives in the
 * root {@link ExtensionContext.Store}). Declare {@code EmbeddedKafka} as a parameter of a test method, a
 * constructor or a {@code @BeforeAll}/{@code @BeforeEach} method:
 *
 * <pre>{@code
 * @ExtendWith(KafkaBrokerExtension.class)
 * class VaultIT {
 *     @Test void works(EmbeddedKafka kafka) { ... kafka.bootstrapServers() ... }
 * }
 * }</pre>
 *
 * Tests share topics and consumer groups on this broker: give them unique names.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, ParameterResolver {
    private static final Namespace NAMESPACE = Namespace.create(KafkaBrokerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        broker(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedKafka.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return broker(context);
    }

    /** The shared broker, started if this is its first use. */
    public static EmbeddedKafka broker(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedBroker.class.getName(), key -> SharedBroker.start(), SharedBroker.class)
                .kafka();
    }

    /** The broker and its directory; closed by JUnit with the root store. */
    private record SharedBroker(EmbeddedKafka kafka, Path dir) implements AutoCloseable {
        static SharedBroker start() {
            Path dir = createTempDir();
            return new SharedBroker(EmbeddedKafka.start(dir), dir);
        }

        @Override
        public void close() throws IOException {
            kafka.close();
            deleteRecursively(dir);
        }

        private static Path createTempDir() {
            try {
                Path target = Path.of("target");
                return Files.isDirectory(target)
                        ? Files.createTempDirectory(target, "embedded-kafka-")
                        : Files.createTempDirectory("authpipe-embedded-kafka-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void deleteRecursively(Path root) throws IOException {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
