package io.authpipe.topics;

import io.authpipe.events.AppRegistration;
import io.authpipe.events.CheckReply;
import io.authpipe.events.CheckRequest;
import io.authpipe.events.CheckSubject;
import io.authpipe.events.ConnectReply;
import io.authpipe.events.ConnectRequest;
import io.authpipe.events.ConnectSession;
import io.authpipe.events.ConnectionEvent;
import io.authpipe.events.CredentialUpdated;
import io.authpipe.events.ExpiryTimer;
import io.authpipe.events.PendingAuthorization;
import io.authpipe.events.Revocation;
import io.authpipe.events.Tenant;
import io.authpipe.events.TenantSecret;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

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

    /**
     * Who writes and reads a topic: the public contract (inputs other teams produce, outputs they consume) or
     * Authpipe's own plumbing, which no one else should read or write.
     */
    public enum Audience {
        /** Produced by other teams' services, read by Authpipe. */
        INPUT,
        /** Produced by Authpipe, read by other teams' services. */
        OUTPUT,
        /** Produced and read by Authpipe only. */
        INTERNAL;

        /** Whether other teams may use the topic. */
        public boolean isPublic() {
            return this != INTERNAL;
        }
    }

    /**
     * A topic, whether it holds state (compacted: the latest record per key is the truth), who uses it and its
     * value type (none for the dead-letter topic, which carries other topics' bytes).
     */
    public record Definition(String name, boolean compacted, Audience audience,
                             Optional<Class<? extends SpecificRecord>> valueType, String purpose) {

        /** The registry subject of its values under the topic-name strategy: {@code <topic>-value}. */
        public String valueSubject() {
            return name + "-value";
        }

        /** The Avro schema of its values. */
        public Optional<Schema> valueSchema() {
            return valueType.map(type -> org.apache.avro.specific.SpecificData.get().getSchema(type));
        }
    }

    /** Every topic Authpipe creates at start-up. */
    public static List<Definition> all() {
        return List.of(
                topic(CONNECT_REQUESTS, Audience.INPUT, ConnectRequest.class, "requests for an authorize link"),
                topic(CONNECT_REPLIES, Audience.OUTPUT, ConnectReply.class,
                        "authorize links answering connect-requests"),
                topic(CONNECTION_EVENTS, Audience.INTERNAL, ConnectionEvent.class,
                        "every change to a connection; the vault's input"),
                state(CREDENTIAL_UPDATED, Audience.OUTPUT, CredentialUpdated.class,
                        "latest status and metadata of each connection"),
                topic(REVOCATIONS, Audience.OUTPUT, Revocation.class, "connections that stopped being usable"),
                state(EXPIRY_TIMERS, Audience.INTERNAL, ExpiryTimer.class, "when to refresh each expiring token"),
                state(CHECK_SUBJECTS, Audience.INTERNAL, CheckSubject.class,
                        "connections the health-worker checks, token sealed"),
                topic(CHECK_REQUESTS, Audience.INPUT, CheckRequest.class,
                        "requests to check a connection now (a token was refused)"),
                topic(CHECK_REPLIES, Audience.OUTPUT, CheckReply.class,
                        "answers to check-requests: accepted or refused"),
                state(AUTHORIZATIONS, Audience.INTERNAL, PendingAuthorization.class,
                        "pending OAuth flows, by state hash"),
                state(CONNECT_SESSIONS, Audience.INTERNAL, ConnectSession.class,
                        "connect sessions minted for the browser, by session id"),
                state(APP_REGISTRATIONS, Audience.INTERNAL, AppRegistration.class,
                        "OAuth apps per tenant, instance and scope set"),
                state(TENANTS, Audience.INTERNAL, Tenant.class, "tenants, hashed API keys and their key references"),
                state(TENANT_SECRETS, Audience.INTERNAL, TenantSecret.class,
                        "webhook signing secrets and app passwords tenants store"),
                new Definition(DEAD_LETTERS, false, Audience.OUTPUT, Optional.empty(),
                        "records that could not be processed, with the reason"));
    }

    /** The topics other teams produce to or consume from. */
    public static List<Definition> publicTopics() {
        return all().stream().filter(t -> t.audience().isPublic()).toList();
    }

    private static Definition topic(String name, Audience audience, Class<? extends SpecificRecord> type,
                                    String purpose) {
        return new Definition(name, false, audience, Optional.of(type), purpose);
    }

    private static Definition state(String name, Audience audience, Class<? extends SpecificRecord> type,
                                    String purpose) {
        return new Definition(name, true, audience, Optional.of(type), purpose);
    }
}
