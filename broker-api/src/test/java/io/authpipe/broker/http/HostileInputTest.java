package io.authpipe.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.BrokerFixture;
import io.authpipe.broker.testing.RawHttp;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hostile HTTP input against a real broker-api over loopback: bodies past the limit however framed, JSON nested or
 * numbered past its limits, path parameters in every encoding, the internal forwarding header from outside, and
 * the headers every answer must carry. Each class of input is counted: tried, and refused as it should be.
 */
@ExtendWith(KafkaBrokerExtension.class)
class HostileInputTest {
    private static final Logger LOG = LoggerFactory.getLogger(HostileInputTest.class);
    private static final String JSON = "application/json";
    private static final Map<String, int[]> TALLY = new ConcurrentHashMap<>();

    static BrokerFixture fixture;
    static TestTenant tenant;
    static RawHttp raw;

    @BeforeAll
    static void start(EmbeddedKafka kafka, @TempDir Path dir) {
        fixture = BrokerFixture.start(kafka, dir, SandboxConfig.defaults(), Map.of(
                "AUTHPIPE_RATE_LIMIT_ANONYMOUS", "0"), Clock.systemUTC());
        tenant = fixture.createTenant("hostile");
        fixture.connect(tenant, "a+b", "alice", "alice-password");
        fixture.connect(tenant, "a b", "bob", "bob-password");
        URI base = URI.create(fixture.baseUrl());
        raw = new RawHttp(base.getHost(), base.getPort());
    }

    @AfterAll
    static void stop() {
        new TreeMap<>(TALLY).forEach((kind, counts) ->
                LOG.info("hostile input class={} tried={} refused={}", kind, counts[0], counts[1]));
        fixture.close();
    }

    @Test
    void bodiesPastTheLimitAreRefusedHoweverTheyAreFramed() {
        byte[] fill = "{\"a\":\"".getBytes(StandardCharsets.US_ASCII);
        int[][] shapes = {{64 * 1024 + 1, 1}, {1024, 65}, {64 * 1024, 16}, {16 * 1024, 1024}};
        for (String[] route : bodyRoutes()) {
            for (int[] shape : shapes) {
                Api.Reply reply = raw.sendChunked(route[0], route[1], headers(route[2]), fill, shape[0], shape[1]);
                count("body: chunked past 64 KiB", reply.status() == 413
                        && "payload_too_large".equals(reply.error()));
            }
            Api.Reply declared = raw.send(route[0], route[1], withLength(headers(route[2]), 10 * 1024 * 1024), fill);
            count("body: Content-Length past 64 KiB", declared.status() == 413);
        }
        assertRefusedAll("body: chunked past 64 KiB");
        assertRefusedAll("body: Content-Length past 64 KiB");
        assertThat(Api.browse(fixture.baseUrl() + "/health").status()).isEqualTo(200);
    }

    @Test
    void aChunkedBodyWithinTheLimitIsReadNormally() {
        String small = "{\"secret\":\"s3cr3t\"}";
        String large = "{\"secret\":\"" + "s".repeat(40_000) + "\"}";

        Api.Reply stored = raw.sendChunked("PUT", "/v1/secrets/app-password/chunked", headers(bearer()),
                small.getBytes(StandardCharsets.US_ASCII), small.length(), 1);
        Api.Reply judged = raw.sendChunked("PUT", "/v1/secrets/app-password/chunked", headers(bearer()),
                large.getBytes(StandardCharsets.US_ASCII), large.length(), 1);

        assertThat(stored.status()).as(stored.text()).isEqualTo(200);
        assertThat(judged.status()).as("read whole, then judged by the route").isEqualTo(400);
        assertThat(judged.error()).isEqualTo("invalid_field");
    }

    @Test
    void jsonNestedPastItsLimitIsInvalidJsonNeverAServerError() {
        for (int depth : new int[] {33, 100, 1001, 5000, 10_000}) {
            for (String body : List.of("[".repeat(depth) + "]".repeat(depth),
                    "{\"a\":".repeat(depth) + "1" + "}".repeat(depth),
                    "{\"provider\":" + "[".repeat(depth) + "]".repeat(depth) + "}")) {
                for (String[] route : jsonRoutes()) {
                    Api.Reply reply = json(route, body);
                    count("json: nested " + (depth > 1000 ? "over 1000" : "33..1000") + " deep",
                            reply.status() == 400 && "invalid_json".equals(reply.error()));
                }
            }
        }
        assertRefusedAll("json: nested 33..1000 deep");
        assertRefusedAll("json: nested over 1000 deep");
    }

    @Test
    void numbersPastTheirLimitAreInvalidJsonNeverAServerError() {
        for (int digits : new int[] {65, 1001, 5000, 60_000}) {
            String many = "9".repeat(digits);
            for (String number : List.of(many, "-" + many, "1." + many, "1e" + many)) {
                for (String[] route : jsonRoutes()) {
                    String field = route[3];
                    Api.Reply reply = json(route, "{\"" + field + "\":" + number + "}");
                    count("json: number of " + (digits > 1000 ? "over 1000" : "65..1000") + " characters",
                            reply.status() == 400 && "invalid_json".equals(reply.error()));
                }
            }
        }
        assertRefusedAll("json: number of 65..1000 characters");
        assertRefusedAll("json: number of over 1000 characters");
    }

    @Test
    void malformedBodiesAreRefusedWithoutAServerError() {
        List<byte[]> bodies = new ArrayList<>();
        for (String text : List.of("null", "[]", "\"s\"", "1", "{", "{\"a\":}", "{\"a\":1} trailing", "{}{}",
                "{\"provider\":\"mastodon\",\"provider\":\"other\"}", "{\"a\":1,}",
                "{'a':1}", "{\"a\":NaN}", "{\"a\":01}", "{\"secret\":\"a\u0000b\"}")) {
            bodies.add(text.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(new byte[] {'{', '"', 's', 'e', 'c', 'r', 'e', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28,
                '"', '}'});
        bodies.add(new byte[] {(byte) 0xFF, (byte) 0xFE, '{', '}'});
        for (byte[] body : bodies) {
            for (String[] route : jsonRoutes()) {
                Api.Reply reply = client(route).send(route[0], route[1], body, JSON, Map.of());
                count("json: malformed", reply.status() == 400 && reply.error() != null);
            }
        }
        assertRefusedAll("json: malformed");
    }

    @Test
    void aPathParameterIsDecodedExactlyOnceSoEveryEncodingReachesOnlyItsOwnUser() {
        Map<String, String> owners = Map.of("a%2Bb", "alice", "a%2bb", "alice", "a+b", "alice", "%61%2B%62", "alice",
                "a%20b", "bob", "%61%20%62", "bob");
        owners.forEach((encoded, owner) -> {
            Api.Reply reply = fixture.api(tenant).get("/v1/credentials/mastodon/" + encoded);
            count("path: encodings of a connected user", reply.status() == 200
                    && owner.equals(reply.json().path("account").path("username").asText()));
        });
        for (String other : List.of("a%252Bb", "a%2520b", "a%25252Bb", "a%2B%2Bb", "a++b", "a%2B%20b", "ab",
                "A%2BB")) {
            Api.Reply reply = fixture.api(tenant).get("/v1/credentials/mastodon/" + other);
            count("path: encodings of users that do not exist", reply.status() == 404
                    && "connection_not_found".equals(reply.error()));
        }
        assertRefusedAll("path: encodings of a connected user");
        assertRefusedAll("path: encodings of users that do not exist");
    }

    @Test
    void brokenPathEncodingsAreBadRequests() {
        for (String segment : List.of("%", "a%", "%G1", "%C3%28", "%FF", "%ED%A0%80", "%C0%AF", "a%00b", "a%0Ab",
                "a%09b", "%2F", "a%2Fb", "..%2F..", "%2e%2e", "a%5Cb")) {
            for (String route : List.of("/v1/credentials/mastodon/", "/v1/connections/mastodon/")) {
                String target = route + segment + (route.startsWith("/v1/connections") ? "/check" : "");
                Api.Reply reply = raw.send(route.startsWith("/v1/connections") ? "POST" : "GET", target,
                        headers(bearer()));
                count("path: broken or ambiguous encodings", reply.status() >= 400 && reply.status() < 500
                        && reply.status() != 401 && !reply.text().contains("credential\""));
            }
        }
        assertRefusedAll("path: broken or ambiguous encodings");
    }

    @Test
    void theForwardingHeaderFromAnOutsideCallerGetsTheExternalView() {
        String path = "/v1/connections";
        List<String> forged = List.of("1", "true", "yes", BrokerFixture.PEER_SECRET.substring(0, 12),
                BrokerFixture.PEER_SECRET + "x", BrokerFixture.PEER_SECRET.toUpperCase(java.util.Locale.ROOT),
                "x".repeat(BrokerFixture.PEER_SECRET.length()), BrokerFixture.PEER_SECRET.substring(1) + "!");
        for (String value : forged) {
            Api.Reply listing = fixture.api(tenant).send("GET", path, null, null, Map.of(PeerAuth.HEADER, value));
            count("forwarding header: forged, tenant listing", listing.status() == 200
                    && listing.json().has("connections") && !listing.json().has("records")
                    && !listing.text().contains("arn:"));
            Api.Reply admin = fixture.admin().send("GET", "/admin/v1/tenants/" + tenant.id() + "/connections", null,
                    null, Map.of(PeerAuth.HEADER, value));
            count("forwarding header: forged, admin peer listing", admin.status() == 404);
        }
        Api.Reply peer = fixture.api(tenant).send("GET", path, null, null,
                Map.of(PeerAuth.HEADER, BrokerFixture.PEER_SECRET));
        assertThat(peer.json().has("records")).as("the peer form, for the real secret").isTrue();
        assertRefusedAll("forwarding header: forged, tenant listing");
        assertRefusedAll("forwarding header: forged, admin peer listing");
    }

    @Test
    void unknownStatesAreRefusedWithoutARedirect() {
        for (int i = 0; i < 100; i++) {
            // a few marked as minted for another owner: those may wait for a store, a few at a time
            String state = (i % 25 == 0 ? "~" : "") + java.util.UUID.randomUUID();
            Api.Reply reply = Api.browse(fixture.baseUrl() + "/v1/oauth/callback?tenant=" + tenant.id() + "&code=c"
                    + "&state=" + state);
            count("callback: unknown state", reply.status() == 400 && "unknown_state".equals(reply.error())
                    && reply.header("Location") == null);
        }
        assertRefusedAll("callback: unknown state");
    }

    @Test
    void aFloodOfUnknownStatesLeavesGetCredentialAnswering() throws Exception {
        java.util.concurrent.ExecutorService flood = java.util.concurrent.Executors.newFixedThreadPool(16);
        List<Long> floodMillis = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Long> readMillis = new ArrayList<>();
        try {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                sent.add(flood.submit(() -> {
                    long started = System.nanoTime();
                    Api.Reply reply = Api.browse(fixture.baseUrl() + "/v1/oauth/callback?tenant=" + tenant.id()
                            + "&code=c&state=" + java.util.UUID.randomUUID());
                    floodMillis.add((System.nanoTime() - started) / 1_000_000);
                    count("callback: unknown state, 16 at a time", reply.status() == 400);
                }));
            }
            while (sent.stream().anyMatch(f -> !f.isDone())) {
                long started = System.nanoTime();
                Api.Reply read = fixture.api(tenant).get("/v1/credentials/mastodon/a+b");
                readMillis.add((System.nanoTime() - started) / 1_000_000);
                count("getCredential during the flood", read.status() == 200);
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        } finally {
            flood.shutdownNow();
        }
        LOG.info("unknown-state flood: callbacks={} p50={}ms max={}ms; getCredential meanwhile={} p50={}ms max={}ms",
                floodMillis.size(), percentile(floodMillis, 50), percentile(floodMillis, 100), readMillis.size(),
                percentile(readMillis, 50), percentile(readMillis, 100));
        assertRefusedAll("callback: unknown state, 16 at a time");
        assertRefusedAll("getCredential during the flood");
    }

    private static long percentile(List<Long> values, int percent) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    @Test
    void everyAnswerCarriesTheHardeningHeaders() {
        String admin = fixture.baseUrl();
        List<Api.Reply> replies = List.of(
                Api.browse(admin + "/health"),
                Api.browse(admin + "/oauth/finished?authpipe_status=connected&authpipe_user=%3Cscript%3E"),
                Api.browse(admin + "/v1/oauth/callback?tenant=" + tenant.id() + "&state=unknown&code=x"),
                Api.browse(admin + "/no/such/path"),
                Api.browse(admin + "/v1/credentials/mastodon/a+b"),
                fixture.api(tenant).get("/v1/credentials/mastodon/a+b"),
                fixture.api(tenant).put("/v1/secrets/app-password/headers", Map.of("secret", "s3cr3t")),
                fixture.api(tenant).get("/v1/secrets/app-password/headers"),
                fixture.admin().post("/admin/v1/tenants", Map.of("tenantId", "headers-" + System.nanoTime(),
                        "displayName", "Headers", "returnUrls", List.of(BrokerFixture.RETURN_TO))),
                raw.sendChunked("POST", "/v1/connect", headers(bearer()), new byte[] {'x'}, 70_000, 1),
                raw.send("GET", "/v1/credentials/mastodon/%ZZ", headers(bearer())));
        for (Api.Reply reply : replies) {
            count("headers: nosniff, no-store, CSP", "nosniff".equals(reply.header("X-Content-Type-Options"))
                    && "no-store".equals(reply.header("Cache-Control"))
                    && reply.header("Content-Security-Policy") != null
                    && reply.header("Content-Security-Policy").contains("default-src 'none'"));
        }
        assertRefusedAll("headers: nosniff, no-store, CSP");
        assertThat(replies.get(8).status()).isEqualTo(201);
    }

    private static Api.Reply json(String[] route, String body) {
        return client(route).send(route[0], route[1], body.getBytes(StandardCharsets.UTF_8), JSON, Map.of());
    }

    private static Api client(String[] route) {
        return route[1].startsWith("/admin") ? fixture.admin() : fixture.api(tenant);
    }

    /** Method, path, bearer and a field the body may carry, of every route taking a JSON body. */
    private static List<String[]> jsonRoutes() {
        return List.of(new String[] {"POST", "/v1/connect", bearer(), "forceLogin"},
                new String[] {"POST", "/v1/connections/mastodon/a+b/check", bearer(), "reportedStatus"},
                new String[] {"PUT", "/v1/secrets/app-password/hostile", bearer(), "secret"},
                new String[] {"POST", "/admin/v1/tenants", BrokerFixture.ADMIN_TOKEN, "tenantId"});
    }

    private static List<String[]> bodyRoutes() {
        List<String[]> routes = new ArrayList<>(jsonRoutes());
        routes.add(new String[] {"GET", "/v1/oauth/callback?tenant=" + tenant.id() + "&state=x&code=y", null, ""});
        routes.add(new String[] {"POST", "/health", null, ""});
        return routes;
    }

    private static String bearer() {
        return tenant.apiKey();
    }

    private static Map<String, String> headers(String bearer) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("Content-Type", JSON);
        if (bearer != null) {
            headers.put("Authorization", "Bearer " + bearer);
        }
        return headers;
    }

    private static Map<String, String> withLength(Map<String, String> headers, long length) {
        Map<String, String> with = new java.util.LinkedHashMap<>(headers);
        with.put("Content-Length", Long.toString(length));
        return with;
    }

    private static void count(String kind, boolean refusedAsExpected) {
        int[] counts = TALLY.computeIfAbsent(kind, k -> new int[2]);
        synchronized (counts) {
            counts[0]++;
            if (refusedAsExpected) {
                counts[1]++;
            }
        }
    }

    private static void assertRefusedAll(String kind) {
        int[] counts = TALLY.get(kind);
        assertThat(counts[1]).as(kind + ": refused as expected, of " + counts[0]).isEqualTo(counts[0]);
        assertThat(counts[0]).isPositive();
    }
}
