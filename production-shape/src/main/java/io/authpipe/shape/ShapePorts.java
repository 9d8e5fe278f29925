package io.authpipe.shape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Every loopback port of the shape.
 *
 * @param kafka          each broker's client listener (node {@code i + 1})
 * @param controllers    each broker's controller listener
 * @param kms            the KMS emulator
 * @param sandbox        the Mastodon sandbox
 * @param api            each broker-api instance's HTTP port
 * @param refreshMetrics each refresh-worker's {@code /metrics} port
 * @param healthMetrics  each health-worker's {@code /metrics} port
 */
public record ShapePorts(List<Integer> kafka, List<Integer> controllers, int kms, int sandbox, List<Integer> api,
                         List<Integer> refreshMetrics, List<Integer> healthMetrics) {

    public ShapePorts {
        kafka = List.copyOf(kafka);
        controllers = List.copyOf(controllers);
        api = List.copyOf(api);
        refreshMetrics = List.copyOf(refreshMetrics);
        healthMetrics = List.copyOf(healthMetrics);
    }

    /**
     * Fixed ports for people: brokers 19092/19094/19096 (controllers one above each), KMS 4566, sandbox 8090,
     * broker-api 8080, 8081..., refresh-worker metrics 9401..., health-worker metrics 9411....
     */
    public static ShapePorts fixed(int brokers, int instances) {
        List<Integer> kafka = new ArrayList<>();
        List<Integer> controllers = new ArrayList<>();
        for (int i = 0; i < brokers; i++) {
            kafka.add(19092 + 2 * i);
            controllers.add(19093 + 2 * i);
        }
        return new ShapePorts(kafka, controllers, 4566, 8090, range(8080, instances), range(9401, instances),
                range(9411, instances));
    }

    /** Free ports picked now (tests: several shapes, or other software, on one machine). */
    public static ShapePorts free(int brokers, int instances) {
        return new ShapePorts(free(brokers), free(brokers), free(1).get(0), free(1).get(0), free(instances),
                free(instances), free(instances));
    }

    /** The client listeners, {@code 127.0.0.1:p1,127.0.0.1:p2,...}. */
    public String bootstrapServers() {
        return String.join(",", kafka.stream().map(p -> "127.0.0.1:" + p).toList());
    }

    private static List<Integer> range(int first, int count) {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ports.add(first + i);
        }
        return ports;
    }

    private static List<Integer> free(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        } finally {
            held.forEach(ShapePorts::closeQuietly);
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing held
        }
    }
}
