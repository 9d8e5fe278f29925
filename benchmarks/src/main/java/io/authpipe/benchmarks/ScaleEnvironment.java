package io.authpipe.benchmarks;

import io.authpipe.core.config.EnvReader;
import io.authpipe.core.identity.ConnectionKey;
import io.authpipe.core.identity.TenantId;
import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.core.instance.InstancePolicy;
import io.authpipe.core.secret.Secret;
import io.authpipe.events.EncryptedSecret;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.kafka.KafkaConnection;
import io.authpipe.kafka.KafkaRuntimeException;
import io.authpipe.kafka.TopicAdmin;
import io.authpipe.mastodon.AppRegistrationOutcome;
import io.authpipe.mastodon.ClientCredentials;
import io.authpipe.mastodon.MastodonClient;
import io.authpipe.mastodon.MastodonHttp;
import io.authpipe.records.SealedBytes;
import io.authpipe.sandbox.mastodon.MastodonSandbox;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import io.authpipe.sandbox.mastodon.SandboxOperator;
import io.authpipe.sandbox.mastodon.TokenPolicy;
import io.authpipe.vault.Purpose;
import io.authpipe.vault.SecretBinding;
import io.authpipe.vault.TenantKeys;
import io.authpipe.vault.Vault;
import io.authpipe.vault.VaultPolicy;
import io.authpipe.vault.kms.LocalKeyFileKms;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one size runs on, in a fresh directory: an embedded broker with the topics the worker reads and writes
 * ({@value #PARTITIONS} partitions each, as the embedded default), a Mastodon sandbox issuing {@link #TOKEN_TTL}
 * tokens with rotating refresh tokens and throttles out of the way ({@link EnvironmentSpec}), a tenant {@code bench}
 * whose key lives in a local key file (the file the worker opens too), and one app registered at the sandbox over
 * HTTP. The tenant and app records are published as broker-api would. Closing stops the sandbox and the broker and
 * deletes the directory; stop the worker first.
 */
final class ScaleEnvironment implements AutoCloseable {
    static final TenantId TENANT = TenantId.of("bench");
    static final String PROVIDER = "mastodon";
    /** The sandbox account every connection is authorised as (one Mastodon account may hold many grants). */
    static final String USERNAME = "alice";
    static final List<String> SCOPES = List.of("read");
    static final Duration TOKEN_TTL = Duration.ofDays(3);
    static final String APP_REF = "bench:app-1";
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

    /** Starts everything for {@code spec}'s worker in a new temporary directory. */
    static ScaleEnvironment start(EnvironmentSpec spec) {
        Path dir = TempDirectory.create("authpipe-" + spec.worker() + "-scale-");
        try {
            return startIn(dir, spec);
        } catch (RuntimeException e) {
            TempDirectory.delete(dir);
            throw e;
        }
    }

    private static ScaleEnvironment startIn(Path dir, EnvironmentSpec spec) {
        EmbeddedKafka kafka = startKafka(dir);
        try {
            TopicAdmin.ensureTopics(KafkaConnection.of(kafka.bootstrapServers()).adminConfig(), spec.topics(),
                    TOPIC_TIMEOUT);
            return startSandbox(dir, kafka, spec);
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

    private static ScaleEnvironment startSandbox(Path dir, EmbeddedKafka kafka, EnvironmentSpec spec) {
        MastodonSandbox sandbox = MastodonSandbox.start(SandboxConfig.defaults()
                .withTokenPolicy(TokenPolicy.expiring(TOKEN_TTL, true))
                .withRateLimits(spec.rateLimits()));
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

    /**
     * A worker's environment: this environment's state directory, key file and sandbox (the only instance allowed),
     * then {@code settings}, the worker's own variables.
     */
    EnvReader workerEnv(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(Map.of(
                "AUTHPIPE_STATE_DIR", dir.resolve("state").toString(),
                "AUTHPIPE_KEY_FILE", dir.resolve("master.key").toString(),
                "AUTHPIPE_INSTANCE_ALLOWLIST", instance.authority()));
        env.putAll(settings);
        return new EnvReader(env);
    }

    /** A worker's RocksDB stores: {@code AUTHPIPE_STATE_DIR/<worker>}, e.g. {@code refresh-worker}. */
    Path workerStateDir(String worker) {
        return dir.resolve("state").resolve(worker);
    }

    /** The broker's copy of {@code app}'s stores: the segment files of its changelog topics, in bytes. */
    long changelogBytes(WorkerApp app) {
        return MemoryProbe.bytesUnder(kafka.dataDir(), app::isChangelogSegment);
    }

    /** The connection of the {@code user}-th benchmark user: {@code bench:mastodon:user-0000000} and on. */
    static ConnectionKey connection(int user) {
        return ConnectionKey.of(TENANT.value(), PROVIDER, String.format(Locale.ROOT, "user-%07d", user));
    }

    /** {@code token} sealed for {@code purpose} of {@code connection} under the tenant's key, as the vault seals it. */
    EncryptedSecret seal(ConnectionKey connection, Purpose purpose, String token) {
        return SealedBytes.wrap(vault.encrypt(keys, SecretBinding.forConnection(connection, purpose),
                Secret.of(token)));
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
}
