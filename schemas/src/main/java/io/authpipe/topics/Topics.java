package io.authpipe.topics;

import java.util.List;

/**
 * The Kafka topics of the Authpipe pipeline. Every record about a connection is keyed by its connection key
 * ({@code tenant:provider:urlencoded(user)}), so all of a connection's events share a partition.
 *
 * <p>Values are Avro (see {@code schemas/src/main/avro}); the dead-letter topic carries the original bytes with
 * the reason and source in {@code authpipe.dlq.*} headers ({@code io.authpipe.kafka.deadletter.DeadLetterHeaders}).
 */
public final class Topics {
    public static final String CONNECT_REQUESTS = "authpipe.connect-requests";
    public static final String CONNECT_REPLIES = "authpipe.connect-replies";
    public static final String CONNECTION_EVENTS = "authpipe.connection-events";
    public static final String CREDENTIAL_UPDATED = "authpipe.credential-updated";
    public static final String REVOCATIONS = "authpipe.revocations";
    public static final String EXPIRY_TIMERS = "authpipe.expiry-timers";
    public static final String CHECK_SUBJECTS = "authpipe.check-subjects";
    public static final String CHECK_REQUESTS = "authpipe.check-requests";
    public static final String CHECK_REPLIES = "authpipe.check-replies";
    public static final String AUTHORIZATIONS = "authpipe.authorizations";
    public static final String CONNECT_SESSIONS = "authpipe.connect-sessions";
    public static final String APP_REGISTRATIONS = "authpipe.app-registrations";
    public static final String TENANTS = "authpipe.tenants";
    public static final String TENANT_SECRETS = "authpipe.tenant-secrets";
    public static final String DEAD_LETTERS = "authpipe.dead-letters";

    private Topics() {
    }

    /** A topic and whether it holds state (compacted: the latest record per key is the truth). */
    public record Definition(String name, boolean compacted, String purpose) {
    }

    /** Every topic Authpipe creates at start-up. */
    public static List<Definition> all() {
        return List.of(
                new Definition(CONNECT_REQUESTS, false, "requests for an authorize link"),
                new Definition(CONNECT_REPLIES, false, "authorize links answering connect-requests"),
                new Definition(CONNECTION_EVENTS, false, "every change to a connection; the vault's input"),
                new Definition(CREDENTIAL_UPDATED, true, "latest status and metadata of each connection"),
                new Definition(REVOCATIONS, false, "connections that stopped being usable"),
                new Definition(EXPIRY_TIMERS, true, "when to refresh each expiring token"),
                new Definition(CHECK_SUBJECTS, true, "connections the health-worker checks, token sealed"),
                new Definition(CHECK_REQUESTS, false, "requests to check a connection now (a token was refused)"),
                new Definition(CHECK_REPLIES, false, "answers to check-requests: accepted or refused"),
                new Definition(AUTHORIZATIONS, true, "pending OAuth flows, by state hash"),
                new Definition(CONNECT_SESSIONS, true, "connect sessions minted for the browser, by session id"),
                new Definition(APP_REGISTRATIONS, true, "OAuth apps per tenant, instance and scope set"),
                new Definition(TENANTS, true, "tenants, hashed API keys and their key references"),
                new Definition(TENANT_SECRETS, true, "webhook signing secrets and app passwords tenants store"),
                new Definition(DEAD_LETTERS, false, "records that could not be processed, with the reason"));
    }
}
