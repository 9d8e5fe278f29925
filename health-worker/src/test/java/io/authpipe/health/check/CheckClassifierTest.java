package io.authpipe.health.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.authpipe.core.instance.InstanceAddress;
import io.authpipe.core.instance.InstancePolicy;
import io.authpipe.core.secret.Secret;
import io.authpipe.events.CheckOutcome;
import io.authpipe.mastodon.AppRegistrationOutcome;
import io.authpipe.mastodon.ClientCredentials;
import io.authpipe.mastodon.InstanceUnavailableException;
import io.authpipe.mastodon.MastodonClient;
import io.authpipe.mastodon.MastodonHttp;
import io.authpipe.sandbox.mastodon.MastodonSandbox;
import io.authpipe.sandbox.mastodon.Outage;
import io.authpipe.sandbox.mastodon.RateLimits;
import io.authpipe.sandbox.mastodon.SandboxConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of the health check classification, against the Mastodon sandbox over HTTP. */
class CheckClassifierTest {
    static final String LOCAL_DOMAIN = "sandbox.authpipe.test";

    MastodonSandbox sandbox = MastodonSandbox.start(SandboxConfig.defaults()
            .withRateLimits(new RateLimits(100, Duration.ofMinutes(10), 2, 1_000, 1_000, Duration.ofMinutes(5))));
    InstanceAddress instance = InstanceAddress.parse(sandbox.baseUrl());
    MastodonClient mastodon = new MastodonClient(MastodonHttp.client(InstancePolicy.allowing(List.of(
            instance.authority())), "Authpipe-test", Duration.ofSeconds(2)), Clock.systemUTC());
    ClientCredentials app = ((AppRegistrationOutcome.Registered) mastodon.registerApp(instance, "Authpipe test",
            "https://client.example/callback", List.of("read", "write"), Optional.empty())).credentials();

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void aWorkingTokenWhoseInstanceMisreportsTheAccountIsHealthyAndBringsNoAccountData() {
        sandbox.operator().misreportProfile("alice", java.util.Map.of("url", "javascript:alert(1)",
                "acct", "Gargron@mastodon.social"));

        CheckResult result = check(token("alice", "read", "write"));

        assertThat(result.outcome()).isEqualTo(CheckOutcome.HEALTHY);
        assertThat(result.evidence().getHttpStatus()).isEqualTo(200);
        assertThat(result.account()).isEmpty();
        assertThat(result.ambiguous()).isFalse();
    }

    @Test
    void aWorkingTokenIsHealthyAndBringsTheAccountsCurrentData() {
        CheckResult result = check(token("alice", "read", "write"));

        assertThat(result.outcome()).isEqualTo(CheckOutcome.HEALTHY);
        assertThat(result.evidence().getHttpStatus()).isEqualTo(200);
        assertThat(result.account()).hasValueSatisfying(a -> assertThat(a.acct()).isEqualTo("alice@" + LOCAL_DOMAIN));
        assertThat(result.ambiguous()).isFalse();
    }

    @Test
    void aRevokedTokenIsRevokedWithTheInvalidTokenCode() {
        String token = token("alice", "read");
        sandbox.operator().revokeTokensOf("alice");

        CheckResult result = check(token);

        assertThat(result.outcome()).isEqualTo(CheckOutcome.REVOKED);
        assertThat(result.evidence().getHttpStatus()).isEqualTo(401);
        assertThat(result.evidence().getErrorCode()).isEqualTo("invalid_token");
    }

    @Test
    void aSuspendedAccountIsSuspendedNotRevoked() {
        String token = token("bob", "read");
        sandbox.operator().suspend("bob");

        CheckResult result = check(token);

        assertThat(result.outcome()).isEqualTo(CheckOutcome.SUSPENDED);
        assertThat(result.evidence().getHttpStatus()).isEqualTo(403);
    }

    @Test
    void aTokenWithoutTheScopeToReadTheAccountIsInsufficientScope() {
        CheckResult result = check(token("alice", "write"));

        assertThat(result.outcome()).isEqualTo(CheckOutcome.INSUFFICIENT_SCOPE);
        assertThat(result.evidence().getErrorCode()).isEqualTo("insufficient_scope");
    }

    @Test
    void anAppTokenIsNotAUserToken() throws IOException {
        CheckResult result = check(appToken());

        assertThat(result.outcome()).isEqualTo(CheckOutcome.NOT_A_USER_TOKEN);
        assertThat(result.evidence().getHttpStatus()).isEqualTo(422);
    }

    @Test
    void aThrottledCheckIsRateLimitedUntilTheResetAndAmbiguous() {
        String token = token("alice", "read");
        check(token);
        check(token);

        CheckResult result = check(token);

        assertThat(result.outcome()).isEqualTo(CheckOutcome.RATE_LIMITED);
        assertThat(result.retryAt()).isPresent();
        assertThat(result.ambiguous()).isTrue();
    }

    @Test
    void anInstanceThatCannotBeReachedIsUnavailableNeverRevoked() {
        String token = token("alice", "read");
        sandbox.close();

        CheckResult result = check(token);

        assertThat(result.outcome()).isEqualTo(CheckOutcome.INSTANCE_UNAVAILABLE);
        assertThat(result.ambiguous()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("outages")
    void aServerErrorOrAProxysPageIsUnavailableNeverRevoked(Outage outage) {
        String token = token("alice", "read");
        sandbox.operator().startOutage(outage);

        CheckResult result = check(token);

        assertThat(result.outcome()).isEqualTo(CheckOutcome.INSTANCE_UNAVAILABLE);
        assertThat(result.ambiguous()).isTrue();
        sandbox.operator().endOutage();
        assertThat(check(token).outcome()).isEqualTo(CheckOutcome.HEALTHY);
    }

    static List<Outage> outages() {
        return List.of(Outage.serverError(), Outage.proxyPage(), Outage.badGateway());
    }

    @Test
    void anInstanceThatAcceptsButNeverAnswersIsUnavailableAfterTheTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            InstanceAddress mute = InstanceAddress.parse("http://127.0.0.1:" + silent.getLocalPort());
            MastodonClient client = new MastodonClient(MastodonHttp.client(InstancePolicy.allowing(List.of(
                    mute.authority())), "Authpipe-test", Duration.ofMillis(300)), Clock.systemUTC());

            CheckResult result;
            try {
                result = CheckClassifier.classify(client.verifyCredentials(mute, Secret.of("t"), LOCAL_DOMAIN));
            } catch (InstanceUnavailableException e) {
                result = CheckClassifier.unavailable();
            }

            assertThat(result.outcome()).isEqualTo(CheckOutcome.INSTANCE_UNAVAILABLE);
        }
    }

    private CheckResult check(String token) {
        try {
            return CheckClassifier.classify(mastodon.verifyCredentials(instance, Secret.of(token), LOCAL_DOMAIN));
        } catch (InstanceUnavailableException e) {
            return CheckClassifier.unavailable();
        }
    }

    private String token(String user, String... scopes) {
        return sandbox.operator().mintTokens(user, app.clientId(), List.of(scopes), 1).get(0).accessToken();
    }

    /** A client-credentials token: the app's own, no user. */
    private String appToken() throws IOException {
        Request request = new Request.Builder().url(sandbox.baseUrl() + "/oauth/token").post(new FormBody.Builder()
                .add("grant_type", "client_credentials").add("client_id", app.clientId())
                .add("client_secret", app.clientSecret().reveal()).add("scope", "read").build()).build();
        try (Response response = new OkHttpClient().newCall(request).execute()) {
            return new ObjectMapper().readTree(response.body().string()).path("access_token").asText();
        }
    }
}
