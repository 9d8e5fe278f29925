package io.authpipe.topics;

import io.authpipe.schemas.Compatibility;
import io.authpipe.schemas.SchemaRegistry;
import io.authpipe.schemas.SchemaRegistryException;
import java.util.List;

/**
 * The registry subjects of Authpipe's topics ({@code <topic>-value}, the topic-name strategy stock clients use) and
 * the compatibility level Authpipe keeps on each:
 * <ul>
 *   <li>public topics, inputs and outputs alike: {@link Compatibility#FULL_TRANSITIVE}. An output's consumers
 *       re-read compacted history with their newest schema (backward) while consumers not yet upgraded read
 *       Authpipe's newer records (forward). On an input, forward means Authpipe's reader reads whatever schema a
 *       producer registers, and backward means a producer's added fields carry defaults, so Authpipe's next
 *       schema version stays registrable;
 *   <li>internal topics: {@link Compatibility#BACKWARD_TRANSITIVE}. Only Authpipe reads them, upgraded before
 *       it writes with a new schema.
 * </ul>
 * Authpipe's own schemas only ever add fields with defaults and enum symbols under an enum default, which keeps
 * both levels; the build checks it (see {@code schemas/README.md}).
 */
public final class TopicSubjects {

    /** What registering one subject did. */
    public sealed interface Outcome permits Published, Refused {
        /** The subject. */
        String subject();
    }

    /** The schema is registered under the subject, which keeps {@code compatibility}. */
    public record Published(String subject, int schemaId, Compatibility compatibility) implements Outcome {
    }

    /** The registry refused or could not be reached; {@code reason} names which, never a credential. */
    public record Refused(String subject, String reason) implements Outcome {
    }

    private TopicSubjects() {
    }

    /** The level Authpipe keeps on a topic's value subject. */
    public static Compatibility compatibility(Topics.Audience audience) {
        return audience.isPublic() ? Compatibility.FULL_TRANSITIVE : Compatibility.BACKWARD_TRANSITIVE;
    }

    /**
     * Registers the value schema of every topic that has one under its subject, inputs included (so a producer
     * has a subject to fetch before it writes), and sets each subject's level.
     *
     * @param registry a Confluent-compatible registry
     * @return one outcome per topic with a value schema, in {@link Topics#all()} order
     */
    public static List<Outcome> publish(SchemaRegistry registry) {
        return Topics.all().stream().filter(topic -> topic.valueSchema().isPresent())
                .map(topic -> publish(registry, topic)).toList();
    }

    private static Outcome publish(SchemaRegistry registry, Topics.Definition topic) {
        Compatibility level = compatibility(topic.audience());
        try {
            return new Published(topic.valueSubject(),
                    registry.publish(topic.valueSubject(), topic.valueSchema().orElseThrow(), level), level);
        } catch (SchemaRegistryException e) {
            return new Refused(topic.valueSubject(), e.getMessage());
        }
    }
}
