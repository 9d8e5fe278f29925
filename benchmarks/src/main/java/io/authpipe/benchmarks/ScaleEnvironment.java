package io.authpipe.benchmarks;

import io.authpipe.core.config.EnvReader;
import io.authpipe.core.identity.TenantId;
import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.core.instance.InstancePolicy;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.KafkaConnection;
import io.authpipe.kafka.KafkaRuntimeException;
import io.authpipe.kafka.TopicAdmin;
import io.authpipe.kafka.TopicSpec;
import io.authpipe.mastodon.AppRegistrationOutcome;
import io.authpipe.mastodon.ClientCredentials;
import io.authpipe.mastodon.MastodonClient;
import io.authpipe.mastodon.MastodonHttp;
import io.authpipe.refresh.RefreshSettings;
import io.authpipe.sandbox.mastodon.MastodonSandbox;
import io.authpipe.sandbox.mastodon.RateLimits;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import io.authpipe.sandbox.mastodon.SandboxOperator;
import io.authpipe.sandbox.mastodon.TokenPolicy;
import io.authpipe.topics.Topics;
import io.authpipe.vault.TenantKeys;
import io.authpipe.vault.Vault;
import io.authpipe.vault.VaultPolicy;
import io.authpipe.vault.kms.LocalKeyFileKms;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one size runs on, in a fresh directory: an embedded broker with the four topics the refresh-worker reads and
 * writes ({@value #PARTITIONS} partitions each, as the embedded default), a Mastodon sandbox issuing
 * {@link #TOKEN_TTL} tokens with rotating refresh tokens and throttles out of the way, a tenant {@code bench} whose
 * key lives in a local key file (the file the worker opens too), and one app registered at the sandbox over HTTP.
 * The tenant and app records are published as broker-api would. Closing stops the sandbox and the broker and deletes
 * the directory; stop the worker first.
 */
final class ScaleEnvironment implements AutoCloseable {
    static final TenantId TENANT = TenantId.of("bench");
    static final String PROVIDER = "mastodon";
    /** The sandbox account every connection is authorised as (one Mastodon account may hold many grants). */
    static final String USERNAME = "alice";
    static final List<String> SCOPES = List.of("read");
    static final Duration TOKEN_TTL = Duration.ofDays(3);
    static final String APP_REF = "bench:app-1";
    static final String WORKER_APPLICATION_ID = "authpipe-refresh-worker";
    static final int PARTITIONS = 3;
    private static final String CALLBACK = "https://bench.example/callback";
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(60);
    private static final int KAFKA_START_ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(ScaleEnvironment.class);

    private final Path dir;
    private final EmbeddedKafka kafka;
    private final MastodonSandbox sandbox;
    private final InstanceAddress instance;
    private final Vault vault;
    private final TenantKeys keys;
    private final String clientId;

    private ScaleEnvironment(Path dir, EmbeddedKafka kafka, MastodonSandbox sandbox, Vault vault, TenantKeys keys,
                             String clientId) {
        this.dir = dir;
        this.kafka = kafka;
        this.sandbox = sandbox;
        this.instance = InstanceAddress.parse(sandbox.baseUrl());
        this.vault = vault;
        this.keys = keys;
        this.clientId = clientId;
    }

    /** Starts everything in a new temporary directory. */
    static ScaleEnvironment start() {
        Path dir = TempDirectory.create("authpipe-refresh-scale-");
        try {
            return startIn(dir);
        } catch (RuntimeException e) {
            TempDirectory.delete(dir);
            throw e;
        }
    }

    private static ScaleEnvironment startIn(Path dir) {
        EmbeddedKafka kafka = startKafka(dir);
        try {
            TopicAdmin.ensureTopics(KafkaConnection.of(kafka.bootstrapServers()).adminConfig(), topics(),
                    TOPIC_TIMEOUT);
            return startSandbox(dir, kafka);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    /**
     * {@link EmbeddedKafka} picks its broker and controller ports one after the other and, rarely, gets the same
     * port twice (the start then fails validation, not with a bind error it would retry): start again, in a new
     * directory, with new picks.
     */
    private static EmbeddedKafka startKafka(Path dir) {
        for (int attempt = 1; ; attempt++) {
            try {
                return EmbeddedKafka.start(dir.resolve("kafka-" + attempt));
            } catch (KafkaRuntimeException e) {
                if (attempt == KAFKA_START_ATTEMPTS) {
                    throw e;
                }
                LOG.warn("the embedded broker did not start (attempt {}); starting it again", attempt, e);
            }
        }
    }

    private static ScaleEnvironment startSandbox(Path dir, EmbeddedKafka kafka) {
        MastodonSandbox sandbox = MastodonSandbox.start(SandboxConfig.defaults()
                .withTokenPolicy(TokenPolicy.expiring(TOKEN_TTL, true))
                .withRateLimits(new RateLimits(100_000, Duration.ofMinutes(10), 100_000, 100_000, 100_000,
                        Duration.ofMinutes(5))));
        try {
            Vault vault = new Vault(LocalKeyFileKms.openOrCreate(dir.resolve("master.key")), VaultPolicy.defaults(),
                    Clock.systemUTC());
            TenantKeys keys = vault.createTenantKeys(TENANT);
            ClientCredentials app = registerApp(InstanceAddress.parse(sandbox.baseUrl()));
            ScaleEnvironment environment = new ScaleEnvironment(dir, kafka, sandbox, vault, keys, app.clientId());
            new SetupRecords(vault, keys, environment.instanceOrigin()).publish(kafka.bootstrapServers(), app,
                    CALLBACK);
            return environment;
        } catch (RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    /** The refresh-worker's settings: this environment's broker, key file, state directory and sandbox. */
    RefreshSettings workerSettings(int maxInFlight) {
        return RefreshSettings.fromEnv(kafka.bootstrapServers(), new EnvReader(Map.ofEntries(
                Map.entry("AUTHPIPE_STATE_DIR", dir.resolve("state").toString()),
                Map.entry("AUTHPIPE_KEY_FILE", dir.resolve("master.key").toString()),
                Map.entry("AUTHPIPE_INSTANCE_ALLOWLIST", instance.authority()),
                Map.entry("AUTHPIPE_REFRESH_APPLICATION_ID", WORKER_APPLICATION_ID),
                // the worker's default unless this process's environment sets it
                Map.entry("AUTHPIPE_REFRESH_SCAN_INTERVAL", Optional.ofNullable(
                        System.getenv("AUTHPIPE_REFRESH_SCAN_INTERVAL")).orElse("200ms")),
                Map.entry("AUTHPIPE_REFRESH_MAX_IN_FLIGHT", Integer.toString(maxInFlight)),
                Map.entry("AUTHPIPE_REFRESH_MAX_PER_HOST", Integer.toString(Math.min(maxInFlight, 1024))),
                // no vault applies the results here, so a lease would run out and re-dispatch: outlast the run
                Map.entry("AUTHPIPE_REFRESH_LEASE", "1h"))));
    }

    /** The refresh-worker's RocksDB stores ({@code AUTHPIPE_STATE_DIR/refresh-worker}). */
    Path workerStateDir() {
        return dir.resolve("state").resolve("refresh-worker");
    }

    Path kafkaDataDir() {
        return kafka.dataDir();
    }

    String bootstrap() {
        return kafka.bootstrapServers();
    }

    SandboxOperator sandbox() {
        return sandbox.operator();
    }

    /** The sandbox's origin, as timers name their instance. */
    String instanceOrigin() {
        return instance.origin();
    }

    /** The {@code client_id} of the registered app. */
    String clientId() {
        return clientId;
    }

    Vault vault() {
        return vault;
    }

    TenantKeys keys() {
        return keys;
    }

    @Override
    public void close() {
        sandbox.close();
        kafka.close();
        TempDirectory.delete(dir);
    }

    private static ClientCredentials registerApp(InstanceAddress instance) {
        MastodonClient client = new MastodonClient(MastodonHttp.client(
                InstancePolicy.allowing(List.of(instance.authority())), "Authpipe-benchmark", Duration.ofSeconds(10)),
                Clock.systemUTC());
        AppRegistrationOutcome outcome = client.registerApp(instance, "Authpipe benchmark", CALLBACK, SCOPES,
                Optional.empty());
        if (!(outcome instanceof AppRegistrationOutcome.Registered registered)) {
            throw new IllegalStateException("the sandbox did not register the benchmark app: " + outcome);
        }
        return registered.credentials();
    }

    private static List<TopicSpec> topics() {
        return List.of(TopicSpec.compacted(Topics.EXPIRY_TIMERS, PARTITIONS),
                TopicSpec.compacted(Topics.TENANTS, PARTITIONS),
                TopicSpec.compacted(Topics.APP_REGISTRATIONS, PARTITIONS),
                TopicSpec.deleted(Topics.CONNECTION_EVENTS, PARTITIONS, Duration.ofDays(1)));
    }
}
