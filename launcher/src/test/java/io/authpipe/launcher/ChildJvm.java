package io.authpipe.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A main class of the test classpath in a child JVM, logging with the product's {@code log4j2.xml} (banner on
 * stdout, refusals and warnings on stderr, the rest in {@code AUTHPIPE_HOME/logs}), its output in files. The
 * environment is the given one only; the working directory is {@code dir}. Tests end the child by its own handle.
 */
record ChildJvm(Process process, Path stdout, Path stderr) {

    static ChildJvm start(Class<?> main, Map<String, String> env, Path dir, String name) {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:+UseSerialGC", "-Dlog4j2.configurationFile=" + productLogConfig(),
                "-cp", System.getProperty("java.class.path"), main.getName()))
                .directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        try {
            return new ChildJvm(builder.start(), dir.resolve(name + ".out"), dir.resolve(name + ".err"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String productLogConfig() {
        try {
            return Path.of(Main.class.getResource("/log4j2.xml").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    String out() {
        return read(stdout);
    }

    String err() {
        return read(stderr);
    }

    long pid() {
        return process.pid();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
