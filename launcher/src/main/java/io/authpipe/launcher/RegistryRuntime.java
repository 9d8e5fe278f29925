package io.authpipe.launcher;

import io.authpipe.core.config.EnvReader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the embedded schema registry needs: Apicurio Registry's Quarkus build (the build unpacks
 * {@code io.apicurio:apicurio-registry-app:tar.gz:all} next to the launcher's jar, in {@code target/apicurio}) and a
 * JDK 21 or later to run it (Apicurio 3 needs one; Authpipe itself runs on 17).
 *
 * @param java    the {@code java} executable
 * @param runJar  Apicurio's {@code quarkus-run.jar}
 */
record RegistryRuntime(Path java, Path runJar) {
    private static final int MINIMUM_JAVA = 21;
    private static final Path JVM_DIR = Path.of("/usr/lib/jvm");
    private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    /**
     * Finds Apicurio ({@code AUTHPIPE_APICURIO_HOME}, else {@code apicurio/} beside the launcher's jar or classes)
     * and a JDK 21+ ({@code AUTHPIPE_REGISTRY_JAVA}, else this JVM if it is one, else the newest under
     * {@code /usr/lib/jvm}).
     *
     * @return both, or why not (for the banner)
     */
    static Result find(EnvReader env) {
        Optional<Path> runJar = env.optional("AUTHPIPE_APICURIO_HOME").map(Path::of).or(RegistryRuntime::besideLauncher)
                .map(home -> home.resolve("quarkus-run.jar")).filter(Files::isRegularFile);
        if (runJar.isEmpty()) {
            return new Result(Optional.empty(), "Apicurio Registry was not found (AUTHPIPE_APICURIO_HOME, or "
                    + "launcher/target/apicurio, which the build unpacks)");
        }
        Optional<Path> java = env.optional("AUTHPIPE_REGISTRY_JAVA").map(Path::of).or(RegistryRuntime::modernJava);
        if (java.isEmpty()) {
            return new Result(Optional.empty(), "no JDK " + MINIMUM_JAVA + "+ was found to run Apicurio Registry "
                    + "(set AUTHPIPE_REGISTRY_JAVA to its bin/java)");
        }
        return new Result(Optional.of(new RegistryRuntime(java.get(), runJar.get())), "");
    }

    /** A runtime, or why there is none. */
    record Result(Optional<RegistryRuntime> runtime, String missing) {
    }

    private static Optional<Path> besideLauncher() {
        try {
            Path location = Path.of(RegistryRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Optional.of(location.getParent().resolve("apicurio"));
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> modernJava() {
        if (Runtime.version().feature() >= MINIMUM_JAVA) {
            return Optional.of(Path.of(System.getProperty("java.home"), "bin", "java"));
        }
        if (!Files.isDirectory(JVM_DIR)) {
            return Optional.empty();
        }
        try (Stream<Path> jdks = Files.list(JVM_DIR)) {
            return jdks.filter(jdk -> Files.isExecutable(jdk.resolve("bin/java")))
                    .filter(jdk -> featureVersion(jdk) >= MINIMUM_JAVA)
                    .max(Comparator.comparingInt(RegistryRuntime::featureVersion))
                    .map(jdk -> jdk.resolve("bin/java"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The feature version a JDK's {@code release} file states, 0 if it states none. */
    private static int featureVersion(Path jdk) {
        try {
            Matcher matcher = JAVA_VERSION.matcher(Files.readString(jdk.resolve("release")));
            return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
