package io.authpipe.launcher;

import io.authpipe.broker.BrokerApi;
import io.authpipe.broker.config.BrokerConfig;
import io.authpipe.broker.http.HttpApi;
import io.authpipe.broker.tenant.ApiKey;
import io.authpipe.core.config.EnvReader;
import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.core.ops.ShutdownSequence;
import io.authpipe.health.HealthSettings;
import io.authpipe.health.HealthWorker;
import io.authpipe.kafka.EmbeddedKafka;
import io.authpipe.refresh.RefreshSettings;
import io.authpipe.refresh.RefreshWorker;
import io.authpipe.sandbox.mastodon.MastodonSandbox;
import io.authpipe.sandbox.mastodon.MastodonVersion;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default in one JVM: a KRaft broker (unless {@code KAFKA_BOOTSTRAP_SERVERS} names one), Apicurio
 * Registry in a child process (see {@link EmbeddedRegistry}; unless {@code SCHEMA_REGISTRY_URL} names a registry),
 * the Mastodon sandbox, broker-api (key file, vault, flow, HTTP), refresh-worker and health-worker, plus the {@code dev} tenant.
 */
public final class DevEnvironment implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DevEnvironment.class);
    private static final Duration REGISTRY_STARTUP = Duration.ofSeconds(90);
    private final ShutdownSequence parts;
    private DevFacts facts;

    private DevEnvironment(ShutdownSequence parts) {
        this.parts = parts;
    }

    /** Starts everything; {@link #close()} stops it. */
    public static DevEnvironment start(EnvReader env, Clock clock) {
        return start(env, clock, new ShutdownSequence());
    }

    /**
     * Starts everything, adding each part to {@code parts} under its name ({@code kafka broker}, {@code broker-api},
     * ...) so that the process's shutdown can report which one did not stop. If a part fails to start, those started
     * stop (with every other part in {@code parts}) and the failure is rethrown.
     */
    public static DevEnvironment start(EnvReader env, Clock clock, ShutdownSequence parts) {
        DevEnvironment dev = new DevEnvironment(parts);
        try {
            dev.startAll(env, DevSettings.fromEnv(env), clock);
            return dev;
        } catch (RuntimeException e) {
            dev.close();
            throw e;
        }
    }

    private void startAll(EnvReader env, DevSettings settings, Clock clock) {
        Optional<DevFacts> previous = DevFacts.read(factsFile(settings));
        Optional<EmbeddedRegistry> registry = launchRegistry(env, settings, previous);
        String bootstrap = settings.externalKafka().orElseGet(() -> own("kafka broker", EmbeddedKafka.start(
                settings.home().resolve("kafka"), settings.kafkaPort())).bootstrapServers());
        MastodonSandbox sandbox = own("mastodon sandbox", MastodonSandbox.start(SandboxConfig.defaults()
                .withPort(settings.sandboxPort())
                .withVersion(settings.sandboxLegacy() ? MastodonVersion.V4_2 : MastodonVersion.V4_7)
                .withTokenPolicy(settings.sandboxTokens())));
        Optional<String> registryUrl = env.optional("SCHEMA_REGISTRY_URL")
                .or(() -> registry.map(r -> r.awaitReady(REGISTRY_STARTUP).url().toString()));
        String adminToken = env.optional("AUTHPIPE_ADMIN_TOKEN").or(() -> previous.map(DevFacts::adminToken))
                .orElseGet(DevEnvironment::randomToken);
        EnvReader serviceEnv = brokerEnv(env, settings, sandbox, adminToken, registryUrl);
        BrokerConfig brokerConfig = BrokerConfig.defaults(bootstrap, serviceEnv);
        BrokerApi broker = own("broker-api", BrokerApi.start(brokerConfig, clock));
        String returnTo = broker.publicUrl() + HttpApi.FINISHED_PATH;
        String apiUrl = broker.publicUrl().toString().replaceAll("/+$", "");
        ApiKey[] key = new ApiKey[1];
        DemoApp demo = own("demo app", DemoApp.start(settings.demoPort(), apiUrl, () -> key[0].value().reveal()));
        key[0] = DevTenant.ensure(broker.tenants(), List.of(returnTo, demo.url()), previous.map(DevFacts::apiKey));
        broker.producerKeys().ensureInternal(broker.tenants().find(DevTenant.ID).orElseThrow());
        // The sandbox starts empty every time: apps registered with an earlier one are unknown to it.
        broker.apps().forgetAt(broker.tenants().find(DevTenant.ID).orElseThrow(),
                InstanceAddress.parse(sandbox.baseUrl()));
        own("refresh-worker", RefreshWorker.start(RefreshSettings.fromEnv(bootstrap, serviceEnv), clock));
        own("health-worker", HealthWorker.start(HealthSettings.fromEnv(bootstrap, serviceEnv), clock));
        facts = new DevFacts(broker.publicUrl().toString(), DevTenant.ID.value(), key[0].value().reveal(), adminToken,
                returnTo, sandbox.baseUrl(), sandbox.config().users().stream()
                .map(u -> new DevFacts.SandboxLogin(u.username(), u.password())).toList(), bootstrap, demo.url(),
                registryUrl.orElse(null));
        facts.write(factsFile(settings));
    }

    /**
     * Starts the embedded schema registry unless a registry is named or none is wanted. Without a JDK 21+ the
     * records are written without a registry, unless this data directory's records already went through one: they
     * would be unreadable without it, so that start is refused.
     */
    private Optional<EmbeddedRegistry> launchRegistry(EnvReader env, DevSettings settings,
                                                      Optional<DevFacts> previous) {
        if (env.optional("SCHEMA_REGISTRY_URL").isPresent() || !settings.embeddedRegistry()) {
            return Optional.empty();
        }
        RegistryRuntime.Result found = RegistryRuntime.find(env);
        if (found.runtime().isEmpty()) {
            if (previous.map(DevFacts::schemaRegistryUrl).isPresent()) {
                throw new IllegalStateException("the records in " + settings.home() + " were written through a "
                        + "schema registry, but " + found.missing() + "; start with a new AUTHPIPE_HOME or make it "
                        + "available");
            }
            LOG.warn("records are written without a schema registry: {}", found.missing());
            return Optional.empty();
        }
        int port = settings.registryPort() == 0 ? freePort() : settings.registryPort();
        return Optional.of(own("schema registry", EmbeddedRegistry.launch(found.runtime().get(),
                settings.home().resolve("registry"), port, freePort())));
    }

    /**
     * The environment with the embedded default's settings: everything under home, the sandbox allow-listed, health
     * checks every minute (so a suspension at the sandbox shows within about one), the schema registry if any.
     */
    private static EnvReader brokerEnv(EnvReader env, DevSettings settings, MastodonSandbox sandbox, String admin,
                                       Optional<String> registryUrl) {
        List<String> allow = new ArrayList<>(env.list("AUTHPIPE_INSTANCE_ALLOWLIST", List.of()));
        allow.add(URI.create(sandbox.baseUrl()).getAuthority());
        Map<String, String> fixed = new HashMap<>(Map.of(
                "AUTHPIPE_HTTP_PORT", Integer.toString(settings.apiPort()),
                "AUTHPIPE_ADMIN_TOKEN", admin,
                "AUTHPIPE_INSTANCE_ALLOWLIST", String.join(",", allow)));
        registryUrl.ifPresent(url -> fixed.put("SCHEMA_REGISTRY_URL", url));
        return env.withDefaults(Map.of(
                        "AUTHPIPE_STATE_DIR", settings.home().resolve("state").toString(),
                        "AUTHPIPE_KEY_FILE", settings.home().resolve("master.key").toString(),
                        "AUTHPIPE_TOPIC_PARTITIONS", "3",
                        "AUTHPIPE_TOPIC_REPLICATION", "1",
                        "AUTHPIPE_HEALTH_INTERVAL", "1m"))
                .with(fixed);
    }

    static java.nio.file.Path factsFile(DevSettings settings) {
        return settings.home().resolve("dev.json");
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("no free port for the schema registry", e);
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return "adm_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private <T extends AutoCloseable> T own(String name, T component) {
        return parts.add(name, component);
    }

    public DevFacts facts() {
        return facts;
    }

    /** Stops everything, newest first: the workers, broker-api, the sandbox, the broker. */
    @Override
    public void close() {
        parts.close();
    }
}
