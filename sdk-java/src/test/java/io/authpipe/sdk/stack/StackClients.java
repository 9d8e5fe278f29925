package io.authpipe.sdk.stack;

import static org.awaitility.Awaitility.await;

import io.authpipe.sdk.Authpipe;
import io.authpipe.sdk.StreamState;
import java.time.Duration;

/** SDK clients of the stack, through its proxy, with margins that fit its 15-second tokens. */
final class StackClients {
    /** A cached token is handed out until 3 s before it expires (the stack refreshes 5-6 s before). */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(3);

    private StackClients() {
    }

    static Authpipe connected(SdkStack stack, SdkStack.Tenant tenant, Duration maxStaleness) {
        Authpipe client = Authpipe.builder().apiKey(tenant.apiKey()).baseUrl(stack.proxyUrl())
                .expiryMargin(EXPIRY_MARGIN).maxStaleness(maxStaleness).timeout(Duration.ofSeconds(5)).build();
        await().atMost(Duration.ofSeconds(20)).until(() -> client.streamState() == StreamState.CONNECTED);
        return client;
    }

    /** A client with any key, not waiting for its stream. */
    static Authpipe connectedOrNot(SdkStack stack, String apiKey) {
        return Authpipe.builder().apiKey(apiKey).baseUrl(stack.proxyUrl()).build();
    }

    static Authpipe connected(SdkStack stack, SdkStack.Tenant tenant) {
        return connected(stack, tenant, Duration.ofSeconds(30));
    }
}
