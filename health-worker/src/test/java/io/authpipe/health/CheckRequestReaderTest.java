package io.authpipe.health;

import static io.authpipe.health.CheckDriver.SCAN;
import static io.authpipe.health.CheckDriver.bytes;
import static io.authpipe.health.CheckDriver.key;
import static io.authpipe.health.CheckDriver.request;
import static io.authpipe.health.CheckDriver.signed;
import static io.authpipe.health.CheckDriver.subject;
import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.events.CheckRequest;
import io.authpipe.events.ConnectionRef;
import io.authpipe.kafka.deadletter.DeadLetterHeaders;
import io.authpipe.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What other services write to {@code authpipe.check-requests}: every request that can be read is answered on
 * {@code authpipe.check-replies}, accepted or refused; a record that is no request goes to
 * {@code authpipe.dead-letters} as it came, with the reason and source in headers, and reading goes on.
 */
class CheckRequestReaderTest {
    static final String KEY = key("u1");
    static final byte[] NOT_AVRO = "{\"check\":\"please\"}".getBytes(StandardCharsets.UTF_8);

    CheckDriver driver = CheckDriver.start();

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void bytesThatAreNotAvroAreDeadLetteredAsTheyCame() {
        driver.requestRaw(KEY, NOT_AVRO, new RecordHeaders());

        assertThat(driver.deadLetters()).singleElement().satisfies(dead -> {
            assertThat(dead.key()).isEqualTo(KEY);
            assertThat(dead.value()).isEqualTo(NOT_AVRO);
            assertThat(reason(dead)).startsWith("not a CheckRequest");
            assertThat(source(dead)).isEqualTo(Topics.CHECK_REQUESTS);
        });
    }

    @Test
    void aRequestIsAnsweredAcceptedWithItsRequestId() {
        CheckRequest request = request("u1", driver.now());
        request.setRequestId("r-1");

        driver.requestRaw(KEY, bytes(signed(request)), new RecordHeaders());

        assertThat(driver.replies()).singleElement().satisfies(reply -> {
            assertThat(reply.key()).isEqualTo(KEY);
            assertThat(reply.value().getRequestId()).isEqualTo("r-1");
            assertThat(reply.value().getAccepted()).isTrue();
            assertThat(reply.value().getErrorCode()).isNull();
        });
        assertThat(driver.deadLetters()).isEmpty();
    }

    @Test
    void anUnsignedTamperedOrStaleRequestIsRefusedWithAReplyAndNotScheduled() {
        driver.put(subject("u1"));
        CheckRequest request = request("u1", driver.now());
        CheckRequest tampered = signed(request("u1", driver.now()));
        tampered.setReportedStatus(403);
        CheckRequest stale = signed(request("u1", driver.now().minus(Duration.ofMinutes(6))));

        for (CheckRequest refused : List.of(request, tampered, stale)) {
            driver.requestRaw(KEY, bytes(refused), new RecordHeaders());
        }

        assertThat(driver.replies()).extracting(r -> r.value().getErrorCode())
                .containsExactly("signature_required", "signature_invalid", "request_expired");
        assertThat(driver.stored(KEY).getDueAt()).isNotEqualTo(CheckScheduler.URGENT);
        assertThat(driver.deadLetters()).isEmpty();
    }

    @Test
    void aRequestWhoseKeyIsNotTheConnectionItNamesIsRefusedWithAReplyKeyedAsItCame() {
        byte[] forU1 = bytes(request("u1", driver.now()));

        driver.requestRaw(key("u2"), forU1, new RecordHeaders());

        assertThat(driver.replies()).singleElement().satisfies(reply -> {
            assertThat(reply.key()).isEqualTo(key("u2"));
            assertThat(reply.value().getAccepted()).isFalse();
            assertThat(reply.value().getErrorCode()).isEqualTo("invalid_key");
            assertThat(reply.value().getErrorMessage()).isEqualTo("the key is not the connection the record names");
        });
        assertThat(driver.deadLetters()).isEmpty();
        assertThat(driver.stored(key("u2"))).isNull();
    }

    @Test
    void aRequestNamingAnInvalidConnectionIsRefusedWithAReply() {
        CheckRequest invalid = request("u1", driver.now());
        invalid.setConnection(new ConnectionRef("Not A Tenant", "mastodon", "u1"));

        driver.requestRaw(KEY, bytes(invalid), new RecordHeaders());

        assertThat(driver.replies()).singleElement().satisfies(reply -> {
            assertThat(reply.value().getErrorCode()).isEqualTo("invalid_key");
            assertThat(reply.value().getErrorMessage()).startsWith("invalid connection");
        });
        assertThat(driver.deadLetters()).isEmpty();
    }

    @Test
    void anEmptyValueIsDeadLettered() {
        driver.requestRaw(KEY, null, new RecordHeaders());

        assertThat(driver.deadLetters()).singleElement().satisfies(dead -> {
            assertThat(dead.key()).isEqualTo(KEY);
            assertThat(dead.value()).isNull();
            assertThat(reason(dead)).isEqualTo("empty value");
            assertThat(source(dead)).isEqualTo(Topics.CHECK_REQUESTS);
        });
    }

    @Test
    void aZeroLengthValueIsDeadLettered() {
        driver.requestRaw(KEY, new byte[0], new RecordHeaders());

        assertThat(driver.deadLetters()).singleElement().satisfies(dead -> {
            assertThat(dead.value()).isEmpty();
            assertThat(reason(dead)).startsWith("not a CheckRequest");
            assertThat(source(dead)).isEqualTo(Topics.CHECK_REQUESTS);
        });
    }

    @Test
    void aDeadLetterKeepsTheHeadersItCameWith() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));

        driver.requestRaw(KEY, NOT_AVRO, headers);

        assertThat(driver.deadLetters()).singleElement().satisfies(dead -> assertThat(
                new String(dead.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                .isEqualTo("00-abc-def-01"));
    }

    @Test
    void aValidRequestAfterDeadLetteredOnesIsStillProcessed() {
        driver.put(subject("u1"));
        driver.advance(Duration.ofMinutes(1));

        driver.requestRaw(KEY, NOT_AVRO, new RecordHeaders());
        driver.requestRaw(key("u2"), bytes(request("u1", driver.now())), new RecordHeaders());
        driver.requestRaw(KEY, null, new RecordHeaders());
        driver.request("u1");

        List<TestRecord<String, byte[]>> deadLetters = driver.deadLetters();
        assertThat(deadLetters).hasSize(2);
        assertThat(driver.stored(KEY).getDueAt()).isEqualTo(CheckScheduler.URGENT);
        driver.advance(SCAN);
        assertThat(driver.jobs()).singleElement().satisfies(job -> assertThat(job.urgent()).isTrue());
    }

    private static String reason(TestRecord<String, byte[]> dead) {
        return header(dead, DeadLetterHeaders.REASON);
    }

    private static String source(TestRecord<String, byte[]> dead) {
        return header(dead, DeadLetterHeaders.SOURCE);
    }

    private static String header(TestRecord<String, byte[]> dead, String name) {
        Header header = dead.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
