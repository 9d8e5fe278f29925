package io.authpipe.broker.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.authpipe.core.secret.Secret;
import io.authpipe.events.ConnectionRef;
import io.authpipe.events.PendingAuthorization;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * An unknown state costs one store read: states are minted on partitions this instance owns, so only a state
 * minted for another owner (marked) may wait for the store, and only a few such waits run at once.
 */
class PendingAuthorizationsTest {
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();

    @Test
    void anUnknownStateIsLookedUpExactlyOnce() {
        PendingAuthorizations flows = flows(hash -> Optional.empty(), hash -> true);

        for (int i = 0; i < 50; i++) {
            String state = StateToken.generate().reveal();
            assertThat(flows.find(state)).isEmpty();
            assertThat(reads.get(StateToken.hash(state))).hasValue(1);
        }
    }

    @Test
    void statesAreMintedOnPartitionsOwnedHereAndUnmarked() {
        PendingAuthorizations flows = flows(hash -> Optional.empty(), PendingAuthorizationsTest::oneInSix);

        List<Secret> states = IntStream.range(0, 200).mapToObj(i -> flows.newState()).toList();

        assertThat(states).allSatisfy(s -> {
            assertThat(oneInSix(StateToken.hash(s.reveal()))).isTrue();
            assertThat(StateToken.mayBeCatchingUp(s.reveal())).isFalse();
        });
    }

    @Test
    void withoutAPartitionHereTheStateIsMarkedAndItsFlowIsAwaited() {
        AtomicInteger probes = new AtomicInteger();
        PendingAuthorizations flows = flows(hash -> probes.incrementAndGet() < 3 ? Optional.empty()
                : Optional.of(flow()), hash -> false);

        Secret state = flows.newState();

        assertThat(StateToken.mayBeCatchingUp(state.reveal())).isTrue();
        assertThat(flows.find(state.reveal())).isPresent();
        assertThat(reads.get(StateToken.hash(state.reveal()))).hasValue(3);
    }

    @Test
    void markedStatesWaitOnlyWhileAWaitingSlotIsFree() throws Exception {
        CountDownLatch waiting = new CountDownLatch(4);
        CountDownLatch release = new CountDownLatch(1);
        PendingAuthorizations flows = flows(hash -> {
            if (reads.get(hash).get() == 2) { // the first probe after the miss: hold the slot
                waiting.countDown();
                await(release);
            }
            return Optional.empty();
        }, hash -> false);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Optional<PendingAuthorization>>> held = IntStream.range(0, 4)
                    .mapToObj(i -> pool.submit(() -> flows.find(flows.newState().reveal()))).toList();
            assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();

            String forged = StateToken.generateCatchingUp().reveal();
            assertThat(flows.find(forged)).isEmpty();
            assertThat(reads.get(StateToken.hash(forged))).hasValue(1);

            release.countDown();
            for (Future<Optional<PendingAuthorization>> f : held) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private PendingAuthorizations flows(Function<String, Optional<PendingAuthorization>> store,
                                        java.util.function.Predicate<String> ownedHere) {
        // find and newState never publish: no publisher needed
        return new PendingAuthorizations(hash -> {
            reads.computeIfAbsent(hash, h -> new AtomicInteger()).incrementAndGet();
            return store.apply(hash);
        }, ownedHere, null);
    }

    private static boolean oneInSix(String hash) {
        return Math.floorMod(hash.hashCode(), 6) == 0;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static PendingAuthorization flow() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return PendingAuthorization.newBuilder()
                .setConnection(new ConnectionRef("t", "mastodon", "u"))
                .setInstance("https://mastodon.example")
                .setAppRef("app")
                .setRedirectUri("https://authpipe.example/v1/oauth/callback?tenant=t")
                .setScopes(List.of("read"))
                .setReturnTo("https://app.example/connected")
                .setPkceVerifier(null)
                .setCreatedAt(now)
                .setExpiresAt(now.plusSeconds(600))
                .setConsumedAt(null)
                .build();
    }
}
