package io.authpipe.launcher;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The start-up message: what runs where, the dev credentials, and the next step. */
final class Banner {
    private static final Logger OUT = LoggerFactory.getLogger("authpipe.banner");

    private Banner() {
    }

    private static String registry(DevFacts facts) {
        return facts.schemaRegistryUrl() == null ? "none (records use Avro single-object encoding)"
                : facts.schemaRegistryUrl() + "  (Confluent API; subjects <topic>-value, docs/topics/)";
    }

    static void print(DevFacts facts, Path factsFile, long startMillis) {
        String user = facts.sandboxUsers().get(0).username();
        String password = facts.sandboxUsers().get(0).password();
        OUT.info("""

                Authpipe is running (ready in {} ms).

                  API            {}
                  dev tenant     {}
                  API key        {}
                  admin token    {}
                  Mastodon       {}  (sandbox; users: {})
                  Kafka          {}
                  Schema registry {}
                  facts file     {}

                See it work: open the demo app, a pretend tenant with a ConnectButton, and connect
                a sandbox account ({} / {}):

                  {}

                Next: connect a sandbox account (see README "Walkthrough"):

                  curl -s -X POST {}/v1/connect \\
                    -H 'Authorization: Bearer {}' -H 'Content-Type: application/json' \\
                    -d '{"provider":"mastodon","userId":"user-1","instance":"{}","scopes":["read","write"],"returnTo":"{}"}'

                Open the authorizeUrl it returns (Authpipe's connect page) in a browser, press Continue,
                sign in as {} / {}, approve, then:

                  curl -s {}/v1/credentials/mastodon/user-1 -H 'Authorization: Bearer {}'

                Stop with Ctrl-C.
                """,
                startMillis, facts.apiUrl(), facts.tenantId(), facts.apiKey(), facts.adminToken(), facts.sandboxUrl(),
                String.join(", ", facts.sandboxUsers().stream().map(DevFacts.SandboxLogin::username).toList()),
                facts.kafkaBootstrapServers(), registry(facts), factsFile.toAbsolutePath(), user, password, facts.demoUrl(),
                facts.apiUrl(), facts.apiKey(), facts.sandboxUrl(), facts.returnTo(), user, password,
                facts.apiUrl(), facts.apiKey());
    }
}
