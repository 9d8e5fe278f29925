package io.authpipe.broker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client sends: request targets exactly as given
 * (broken percent escapes included), chunked bodies of any size, headers of any value. The answer is read while
 * the body is still being written, so a server refusing a body early is heard. One request per connection.
 */
public final class RawHttp {
    private static final int TIMEOUT_MILLIS = 30_000;
    private static final java.util.regex.Pattern CONTENT_LENGTH =
            java.util.regex.Pattern.compile("\r\ncontent-length: *(\\d+)");

    private final String host;
    private final int port;

    public RawHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** {@code method target} with {@code headers} (name: value lines) and no body. */
    public Api.Reply send(String method, String target, Map<String, String> headers) {
        return send(method, target, headers, new byte[0]);
    }

    /** {@code bytes} after the head, whatever its headers say (a start of a body that never ends, say). */
    public Api.Reply send(String method, String target, Map<String, String> headers, byte[] bytes) {
        return exchange(method, target, headers, bytes, -1, 0);
    }

    /** A chunked body of {@code chunks} chunks of {@code chunkSize} bytes ({@code fill} repeated). */
    public Api.Reply sendChunked(String method, String target, Map<String, String> headers, byte[] fill,
                                 int chunkSize, int chunks) {
        return exchange(method, target, headers, fill, chunkSize, chunks);
    }

    private Api.Reply exchange(String method, String target, Map<String, String> headers, byte[] fill,
                               int chunkSize, int chunks) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            CompletableFuture<byte[]> answer = CompletableFuture.supplyAsync(() -> readAll(socket));
            write(socket.getOutputStream(), method, target, headers, fill, chunkSize, chunks);
            return parse(answer.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
        } catch (IOException | InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("raw HTTP exchange failed: " + method + " " + target, e);
        }
    }

    private void write(OutputStream out, String method, String target, Map<String, String> headers, byte[] fill,
                       int chunkSize, int chunks) {
        try {
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\n")
                    .append("Host: ").append(host).append(':').append(port).append("\r\nConnection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (chunkSize > 0) {
                head.append("Transfer-Encoding: chunked\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            if (chunkSize > 0) {
                writeChunks(out, fill, chunkSize, chunks);
            } else {
                out.write(fill);
            }
            out.flush();
        } catch (IOException e) {
            // the server stopped reading (it refused the body): its answer is read all the same
        }
    }

    private static void writeChunks(OutputStream out, byte[] fill, int chunkSize, int chunks) throws IOException {
        byte[] chunk = new byte[chunkSize];
        for (int i = 0; i < chunkSize; i++) {
            chunk[i] = fill[i % fill.length];
        }
        byte[] size = (Integer.toHexString(chunkSize) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < chunks; i++) {
            out.write(size);
            out.write(chunk);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** The answer's bytes: its head, then its Content-Length, its chunks, or everything to the end. */
    private static byte[] readAll(Socket socket) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            int n;
            while (!complete(bytes.toString(StandardCharsets.ISO_8859_1)) && (n = in.read(buffer)) >= 0) {
                bytes.write(buffer, 0, n);
            }
        } catch (IOException e) {
            if (bytes.size() == 0) {
                throw new UncheckedIOException(e);
            }
        }
        return bytes.toByteArray();
    }

    private static boolean complete(String received) {
        int end = received.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = received.substring(0, end).toLowerCase(Locale.ROOT);
        java.util.regex.Matcher length = CONTENT_LENGTH.matcher(head);
        if (length.find()) {
            return received.length() - end - 4 >= Integer.parseInt(length.group(1));
        }
        return head.contains("transfer-encoding: chunked") && received.endsWith("\r\n0\r\n\r\n");
    }

    private static Api.Reply parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end < 0 ? text.length() : end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, java.util.List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    k -> new java.util.ArrayList<>()).add(lines[i].substring(colon + 1).strip());
        }
        String body = end < 0 ? "" : text.substring(end + 4);
        if (headers.getOrDefault("transfer-encoding", java.util.List.of()).contains("chunked")) {
            body = dechunk(body);
        }
        JsonNode json = body.strip().startsWith("{") ? Api.JSON.readTree(body) : Api.JSON.createObjectNode();
        return new Api.Reply(status, json, body, headers);
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
