package io.authpipe.kms.emulator;

import io.authpipe.kms.emulator.internal.Account;
import io.authpipe.kms.emulator.internal.CallLog;
import io.authpipe.kms.emulator.internal.Fault;
import io.authpipe.kms.emulator.internal.KmsBackend;
import io.authpipe.kms.emulator.internal.LoopbackServer;
import io.authpipe.kms.emulator.internal.ServiceError;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory AWS KMS for tests, speaking AWS JSON 1.1 over HTTP on an ephemeral loopback port, so that the
 * real AWS SDK v2 {@code KmsClient} is exercised end to end (serialisation, signing headers, error mapping,
 * retries). Behaviour follows the project's {@code reference/AWS-KMS.md}.
 *
 * <pre>{@code
 * try (KmsEmulator kms = KmsEmulator.start(clock)) {
 *     String keyArn = kms.createKey("tenant keys");
 *     kms.createAlias("alias/tenant-1", keyArn);
 *     KmsClient client = KmsClient.builder().endpointOverride(kms.endpoint()).region(Region.of(kms.region()))
 *             .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
 *             .build();
 * }
 * }</pre>
 *
 * <p>Operations: CreateKey, DescribeKey, CreateAlias, UpdateAlias, DeleteAlias, ListAliases, EnableKey,
 * DisableKey, GenerateDataKey, GenerateDataKeyWithoutPlaintext, Encrypt, Decrypt, ReEncrypt, RotateKeyOnDemand,
 * ScheduleKeyDeletion, CancelKeyDeletion, TagResource, UntagResource, ListResourceTags. Symmetric keys only.
 * A KeyId may be a key id, key ARN, {@code alias/name} or alias ARN; responses name the key ARN. Client errors
 * are HTTP 400 {@code {"__type":..,"message":..}}, never 5xx. A key pending deletion is unusable; once its
 * deletion date has passed by the injected clock, it and its material are gone (NotFoundException).
 *
 * <p>Each key has versions of 256-bit material; RotateKeyOnDemand adds one, new encryptions use the newest,
 * old versions still decrypt. The CiphertextBlob is really encrypted and self-describing (big-endian):
 *
 * <pre>
 * offset  length  field
 *      0       1  format version, 0x01
 *      1      16  key id (UUID: most then least significant 64 bits)
 *     17       4  key material version (int; 1 = the key's first material)
 *     21      12  IV (random per encryption)
 *     33  n + 16  AES-256-GCM ciphertext of the n plaintext bytes, then the 128-bit tag
 * </pre>
 *
 * The GCM AAD is the 21-byte header followed by the canonical EncryptionContext: the pair count (4-byte int),
 * then for each pair in ascending key order the key and the value, each as a 4-byte length and UTF-8 bytes.
 * So the context must match exactly (order aside), and any changed byte of the blob fails decryption.
 *
 * <p>Thread-safe. Plaintext, key material and blobs are never logged.
 */
public final class KmsEmulator implements AutoCloseable {

    /** What every request gets, whatever it asks; see {@link #setAvailability}. */
    public enum Availability {
        /** Requests are answered normally. */
        UP,
        /** HTTP 503 {@code {"__type":"KMSInternalException"}}: the SDK retries, then throws a 503 KmsException. */
        INTERNAL_ERROR,
        /** HTTP 400 {@code {"__type":"ThrottlingException"}}: the SDK retries it as throttling, then throws. */
        THROTTLING,
        /** The connection is closed without a response: the SDK retries, then throws an SdkClientException. */
        DROP
    }

    private static final Logger LOG = LoggerFactory.getLogger(KmsEmulator.class);

    private final Account account;
    private final KmsBackend backend;
    private final LoopbackServer server;
    private final URI endpoint;

    private KmsEmulator(Account account, KmsBackend backend, LoopbackServer server) {
        this.account = account;
        this.backend = backend;
        this.server = server;
        this.endpoint = server.endpoint();
    }

    /** Starts an emulator on 127.0.0.1 (ephemeral port), region us-east-1, account 000000000000, system clock. */
    public static KmsEmulator start() {
        return start(Clock.systemUTC());
    }

    /**
     * Starts an emulator whose key deletion dates come from {@code clock}; returns once it accepts connections.
     *
     * @throws UncheckedIOException if no loopback port can be bound
     */
    public static KmsEmulator start(Clock clock) {
        return start(clock, 0);
    }

    /** Starts an emulator on {@code 127.0.0.1:port} ({@code 0}: ephemeral), as {@link #start(Clock)} otherwise. */
    public static KmsEmulator start(Clock clock, int port) {
        Objects.requireNonNull(clock, "clock");
        Account account = Account.defaults();
        KmsBackend backend = new KmsBackend(account, clock);
        KmsEmulator emulator = new KmsEmulator(account, backend, LoopbackServer.start(backend.handler(), port));
        LOG.info("KMS emulator started endpoint={} region={}", emulator.endpoint, account.region());
        return emulator;
    }

    /** The HTTP endpoint for {@code endpointOverride}, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return endpoint;
    }

    /** The emulated region, {@code us-east-1}; key ARNs name it. */
    public String region() {
        return account.region();
    }

    /**
     * Creates an enabled symmetric key directly (not counted as a call) and returns its key ARN.
     *
     * @param description the key's Description
     */
    public String createKey(String description) {
        return backend.createKey(Objects.requireNonNull(description, "description"));
    }

    /**
     * Points a new alias at a key, directly (not counted as a call).
     *
     * @param aliasName {@code alias/...}
     * @param keyIdOrArn a key id or key ARN
     * @throws IllegalArgumentException with the KMS error code if CreateAlias would fail
     *     (bad name: ValidationException, taken: AlreadyExistsException, no such key: NotFoundException)
     */
    public void createAlias(String aliasName, String keyIdOrArn) {
        try {
            backend.createAlias(aliasName, keyIdOrArn);
        } catch (ServiceError e) {
            throw new IllegalArgumentException(e.code() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Injects or clears an outage; it applies to every request from now on, each of which is still counted.
     * {@link Availability#INTERNAL_ERROR} answers HTTP 503 {@code {"__type":"KMSInternalException",...}} (the SDK
     * retries 5xx), {@link Availability#THROTTLING} HTTP 400 {@code {"__type":"ThrottlingException",...}}, and
     * {@link Availability#DROP} closes the connection without a response.
     */
    public void setAvailability(Availability availability) {
        backend.fault(switch (Objects.requireNonNull(availability, "availability")) {
            case UP -> Fault.NONE;
            case INTERNAL_ERROR -> Fault.INTERNAL_ERROR;
            case THROTTLING -> Fault.THROTTLING;
            case DROP -> Fault.DROP;
        });
    }

    /** Requests received for one operation (e.g. {@code "GenerateDataKey"}), including failed and retried ones. */
    public long callCount(String operation) {
        return calls().count(operation);
    }

    /** Requests received for all operations. */
    public long totalCalls() {
        return calls().total();
    }

    /** Copies of the raw request bodies (JSON text), in arrival order, for leak scans. */
    public List<byte[]> requestBodies() {
        return calls().bodies();
    }

    /** Stops the server at once (open connections are closed) and discards all keys. Idempotent. */
    @Override
    public void close() {
        server.close();
        LOG.debug("KMS emulator stopped endpoint={}", endpoint);
    }

    private CallLog calls() {
        return backend.calls();
    }
}
