package io.authpipe.broker.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.broker.testing.StateSecret;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The two forms of a state, the keys their flows are stored under, and what a callback must bring. */
class StateTokenTest {

    @Test
    void aWholeStateIsStoredUnderItsHashAndAnswersOnlyAFlowWithoutAChallenge() {
        // Given
        FlowState whole = FlowState.whole(StateToken.generate());
        String state = whole.inLink().reveal();

        // Then
        assertThat(whole.storeKey()).isEqualTo(StateToken.hash(state)).isEqualTo(StateToken.storeKey(state));
        assertThat(StateToken.answers(state, Optional.empty())).isTrue();
        assertThat(StateToken.answers(state + ".x", Optional.empty())).isFalse();
        assertThat(StateToken.answers(state, Optional.of(StateSecret.generate().challenge()))).isFalse();
    }

    @Test
    void aHandleIsPublicAndOnlyTheProducersSecretCompletesIt() {
        // Given
        StateSecret producer = StateSecret.generate();
        FlowState flow = FlowState.awaitingProof(StateToken.generate(), producer.challenge());
        String published = flow.inLink().reveal();
        Optional<String> challenge = flow.challenge();

        // Then the link carries handle and separator, stored under the handle's hash with the challenge
        assertThat(published).matches("[A-Za-z0-9_-]{43}\\.");
        assertThat(flow.storeKey()).isEqualTo(StateToken.hash(published.substring(0, 43)))
                .isEqualTo(StateToken.storeKey(published + producer.secret()));
        assertThat(StateToken.answers(published + producer.secret(), challenge)).isTrue();
        assertThat(StateToken.answers(published, challenge)).isFalse();
        assertThat(StateToken.answers(published.substring(0, 43), challenge)).isFalse();
        assertThat(StateToken.answers(published + producer.challenge(), challenge)).isFalse();
        assertThat(StateToken.answers(published + producer.secret() + ".", challenge)).isFalse();
    }

    @Property(tries = 500)
    void noOtherProofAnswersAChallenge(@ForAll String guess) {
        StateSecret producer = StateSecret.generate();
        FlowState flow = FlowState.awaitingProof(StateToken.generate(), producer.challenge());

        assertThat(StateToken.answers(flow.inLink().reveal() + guess, flow.challenge()))
                .isEqualTo(guess.equals(producer.secret()));
    }

    @Test
    void aChallengeIsA43CharacterBase64urlSha256() {
        assertThat(StateToken.isChallenge(StateSecret.generate().challenge())).isTrue();
        assertThat(StateToken.isChallenge("my-secret")).isFalse();
        assertThat(StateToken.isChallenge(StateSecret.generate().challenge() + "=")).isFalse();
        assertThat(StateToken.isChallenge("+/" + StateSecret.generate().challenge().substring(2))).isFalse();
    }
}
