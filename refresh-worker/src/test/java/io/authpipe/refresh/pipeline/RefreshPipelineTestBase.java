package io.authpipe.refresh.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.authpipe.broker.testing.TestTenant;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.testing.KafkaBrokerExtension;
import io.authpipe.kafka.testing.SecretScan;
import io.authpipe.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One refresh pipeline per test class against a server that rotates refresh tokens and revokes the whole grant when
 * a rotated one is replayed (Keycloak-like): real Kafka, broker-api, refresh-worker, the sandbox over HTTP. Each test
 * connects its own user (one tenant, so one app registration for the class) and disconnects it afterwards, so only
 * its connection refreshes while it runs. The classes wait on token lifetimes more than they compute: two of them
 * run side by side in the module's two test JVMs.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class RefreshPipelineTestBase {
    static final Duration WITHIN = Duration.ofSeconds(30);
    static RefreshPipeline pipeline;
    static TestTenant tenant;
    static EmbeddedKafka broker;
    @TempDir
    static Path dir;

    final String user = "user-" + UUID.randomUUID().toString().substring(0, 8);
    boolean connected;

    @BeforeAll
    static void start(EmbeddedKafka kafka) {
        broker = kafka;
        pipeline = RefreshPipeline.start(kafka, dir, true);
        tenant = pipeline.newTenant();
    }

    @AfterAll
    static void stop() {
        pipeline.close();
    }

    @AfterEach
    void disconnect() {
        if (connected) {
            pipeline.disconnect(tenant, user);
        }
    }

    JsonNode connect() {
        connected = true;
        return pipeline.connect(tenant, user);
    }

    /** Runs last: every token any test made the sandbox issue, scanned for everywhere Authpipe writes. */
    @Test
    @Order(Integer.MAX_VALUE)
    void noAccessOrRefreshTokenOrClientSecretReachesATopicAStateFileTheLogOrAMetric() throws Exception {
        List<String> secrets = new ArrayList<>(pipeline.sandbox().everyTokenOf("alice"));
        secrets.addAll(pipeline.sandbox().clientSecrets());
        assertThat(secrets).hasSizeGreaterThan(5);
        String metrics = pipeline.worker().scrape();
        SecretScan scan = SecretScan.ofCluster(broker.bootstrapServers(), Duration.ofSeconds(60))
                .directory(dir).directory(broker.dataDir())
                .text("test log", Files.readString(Path.of("target", "test-logs", "refresh-worker-tests.log")))
                .text("metrics", metrics);

        scan.assertNoneOf(secrets);
        assertThat(scan.topics()).contains(Topics.EXPIRY_TIMERS);
        assertThat(metrics).contains("authpipe_refresh_timers_pending", "authpipe_refresh_dispatch_lag_seconds");
    }
}
