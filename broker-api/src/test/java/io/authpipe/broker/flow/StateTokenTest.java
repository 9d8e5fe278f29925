package io.authpipe.broker.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.broker.testing.StateSecret;
import org.junit.jupiter.api.Test;

/** States, the keys their flows are stored under, and the form of a producer's challenge. */
class StateTokenTest {

    @Test
    void aStateIs256RandomBitsStoredUnderItsHash() {
        String state = StateToken.generate().reveal();

        assertThat(state).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(StateToken.generate().reveal());
        assertThat(StateToken.storeKey(state)).isEqualTo(StateToken.hash(state)).doesNotContain(state);
    }

    @Test
    void aChallengeIsA43CharacterBase64urlSha256() {
        assertThat(StateToken.isChallenge(StateSecret.generate().challenge())).isTrue();
        assertThat(StateToken.isChallenge("my-secret")).isFalse();
        assertThat(StateToken.isChallenge(StateSecret.generate().challenge() + "=")).isFalse();
        assertThat(StateToken.isChallenge("+/" + StateSecret.generate().challenge().substring(2))).isFalse();
    }
}
