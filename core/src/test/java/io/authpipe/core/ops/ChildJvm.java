package io.authpipe.core.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A main class of the test classpath in a child JVM, its output in files; the test ends it by its own handle. */
record ChildJvm(Process process, Path stdout, Path stderr) {

    static ChildJvm start(Class<?> main, Map<String, String> env, Path outputDir, String name) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx64m", "-XX:TieredStopAtLevel=1", "-Dlog4j2.shutdownHookEnabled=false",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(outputDir.resolve(name + ".out").toFile())
                .redirectError(outputDir.resolve(name + ".err").toFile());
        builder.environment().putAll(env);
        try {
            return new ChildJvm(builder.start(), outputDir.resolve(name + ".out"), outputDir.resolve(name + ".err"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String err() {
        try {
            return Files.exists(stderr) ? Files.readString(stderr) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }
}
