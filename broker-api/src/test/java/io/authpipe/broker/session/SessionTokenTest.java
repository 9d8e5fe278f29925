package io.authpipe.broker.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.broker.testing.StateSecret;
import io.authpipe.events.ConnectSession;
import io.authpipe.events.ConnectionRef;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The session token's form, and that only its secret (or the producer's) opens its session. */
class SessionTokenTest {

    @Test
    void aTokenIsItsPublicIdAndASecretWhoseHashAloneIsStored() {
        SessionToken token = SessionToken.mint(SessionToken.newId());
        String whole = token.whole().reveal();

        assertThat(whole).matches("cs_[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}").startsWith(token.id() + ".");
        assertThat(SessionToken.parse(whole)).contains(token);
        assertThat(token.hash()).doesNotContain(token.secret().reveal());
        assertThat(token.opens(session(token.hash()))).isTrue();
        assertThat(SessionToken.mint(token.id()).opens(session(token.hash()))).isFalse();
        assertThat(token.toString()).doesNotContain(token.secret().reveal());
    }

    @Test
    void malformedTokensAreNotTokens() {
        String id = SessionToken.newId();
        assertThat(SessionToken.parse(id)).isEmpty();
        assertThat(SessionToken.parse(id + ".")).isEmpty();
        assertThat(SessionToken.parse("cs_short.secret")).isEmpty();
        assertThat(SessionToken.parse(id + ".a b")).isEmpty();
        assertThat(SessionToken.parse(null)).isEmpty();
    }

    @Property(tries = 300)
    void onlyTheProducersSecretOpensASessionOpenedWithItsChallenge(@ForAll String guess) {
        StateSecret producer = StateSecret.generate();
        String id = SessionToken.newId();
        ConnectSession session = session(producer.challenge());

        boolean opens = SessionToken.parse(id + "." + guess).map(t -> t.opens(session)).orElse(false);

        assertThat(opens).isEqualTo(guess.equals(producer.secret()));
        assertThat(SessionToken.parse(id + "." + producer.secret()).orElseThrow().opens(session)).isTrue();
    }

    private static ConnectSession session(String tokenHash) {
        return ConnectSession.newBuilder().setConnection(new ConnectionRef("t", "mastodon", "u"))
                .setTokenHash(tokenHash).setScopes(List.of("read")).setCreatedAt(Instant.EPOCH)
                .setExpiresAt(Instant.EPOCH.plusSeconds(60)).build();
    }
}
