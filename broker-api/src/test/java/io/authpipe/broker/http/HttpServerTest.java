package io.authpipe.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.broker.config.HttpSettings;
import io.authpipe.broker.config.RateLimit;
import io.authpipe.broker.testing.Api;
import io.authpipe.broker.testing.RawHttp;
import io.authpipe.vault.KmsUnavailableException;
import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server layer under the routes, on loopback: the body limit however a body is framed, Jetty's own errors as
 * JSON, the hardening headers, and the mapping of failures to answers (a dependency named, anything else a 500
 * that tells nothing).
 */
class HttpServerTest {
    private static final String LEAK = "internal detail s3cr3t-value";
    static Javalin app;
    static RawHttp raw;

    @BeforeAll
    static void start() {
        HttpApi.Binding binding = new HttpApi.Binding();
        binding.bind("127.0.0.1", 0);
        HttpSettings settings = new HttpSettings(RateLimit.unlimited(), RateLimit.unlimited(), 100, List.of(),
                Duration.ofSeconds(30), Optional.empty());
        app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            HttpServer.configure(config, settings, binding);
        });
        app.post("/echo", ctx -> ctx.result(Integer.toString(ctx.bodyAsBytes().length)));
        app.get("/unexpected", ctx -> {
            throw new IllegalStateException(LEAK);
        });
        app.get("/kms-wrapped", ctx -> {
            throw new RuntimeException(new KmsUnavailableException("KMS down", null));
        });
        app.get("/kafka", ctx -> {
            throw new TimeoutException("metadata");
        });
        new ErrorAnswers(new Answers(Clock.systemUTC()), Clock.systemUTC()).register(app);
        app.start();
        raw = new RawHttp("127.0.0.1", app.port());
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @Test
    void aDeclaredLengthPastTheLimitIsRefusedBeforeTheBodyIsRead() {
        Api.Reply reply = raw.send("POST", "/echo", Map.of("Content-Length", Integer.toString(10 * 1024 * 1024)),
                "{\"a\":".getBytes(StandardCharsets.UTF_8));

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.error()).isEqualTo("payload_too_large");
    }

    @Test
    void aChunkedBodyPastTheLimitIsRefusedOneBytePastIt() {
        Api.Reply reply = raw.sendChunked("POST", "/echo", Map.of(), new byte[] {'x'}, 4096, 17);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.error()).isEqualTo("payload_too_large");
    }

    @Test
    void aChunkedBodyAtTheLimitIsReadWhole() {
        Api.Reply reply = raw.sendChunked("POST", "/echo", Map.of(), new byte[] {'x'}, 4096, 16);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.text()).isEqualTo(Integer.toString(64 * 1024));
    }

    @Test
    void anUnexpectedFailureIsA500ThatTellsNothing() {
        Api.Reply reply = raw.send("GET", "/unexpected", Map.of());

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.error()).isEqualTo("internal_error");
        assertThat(reply.text()).doesNotContain("s3cr3t").doesNotContain("IllegalState");
    }

    @Test
    void aDependencyFailureIsNamedEvenWhenWrapped() {
        Api.Reply kms = raw.send("GET", "/kms-wrapped", Map.of());
        Api.Reply kafka = raw.send("GET", "/kafka", Map.of());

        assertThat(kms.status()).isEqualTo(503);
        assertThat(kms.error()).isEqualTo("kms_unavailable");
        assertThat(kms.header("Retry-After")).isNotNull();
        assertThat(kafka.status()).isEqualTo(503);
        assertThat(kafka.error()).isEqualTo("kafka_unavailable");
    }

    @Test
    void jettysOwnErrorsAreJsonWithTheHardeningHeaders() {
        Api.Reply badUri = raw.send("GET", "/echo/%zz%", Map.of());
        Api.Reply hugeHeader = raw.send("GET", "/echo", Map.of("X-Big", "x".repeat(64 * 1024)));

        for (Api.Reply reply : List.of(badUri, hugeHeader)) {
            assertThat(reply.status()).isBetween(400, 499);
            assertThat(reply.error()).startsWith("http_");
            assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }

    @Test
    void everyAnswerIsNosniffNoStoreAndUnframeable() {
        for (Api.Reply reply : List.of(raw.send("GET", "/nothing-here", Map.of()),
                raw.sendChunked("POST", "/echo", Map.of(), "{}".getBytes(StandardCharsets.UTF_8), 2, 1),
                raw.send("GET", "/unexpected", Map.of()))) {
            assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
            assertThat(reply.header("Content-Security-Policy")).contains("default-src 'none'")
                    .contains("frame-ancestors 'none'");
        }
    }
}
