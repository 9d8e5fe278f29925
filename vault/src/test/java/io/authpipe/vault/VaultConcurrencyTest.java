package io.authpipe.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.authpipe.core.identity.TenantId;
import io.authpipe.core.secret.Secret;
import io.authpipe.vault.kms.InMemoryKms;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One KMS call per missing key however many threads miss it at once; no tenant waits for another's KMS call. */
class VaultConcurrencyTest {
    private static final int THREADS = 8;
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private static final Secret TOKEN = Secret.of("tok_concurrent");

    private final InMemoryKms memory = new InMemoryKms();
    private final GatedKms kms = new GatedKms(memory, ACME);
    private final Vault vault = new Vault(kms, new MutableClock(Instant.EPOCH));
    private final TenantKeys acme = vault.createTenantKeys(ACME);
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void stop() {
        kms.open();
        pool.shutdownNow();
    }

    @Test
    void threadsMissingTheSameEncryptionKeyShareOneGenerateCall() throws Exception {
        List<Future<byte[]>> sealed = startEncryptions();
        kms.open();
        for (Future<byte[]> envelope : sealed) {
            assertThat(vault.decrypt(acme, binding(ACME), envelope.get())).isEqualTo(TOKEN);
        }
        assertThat(kms.gatedCalls()).isEqualTo(1);
        assertThat(vault.stats().kmsGenerateCalls()).isEqualTo(1);
    }

    @Test
    void threadsMissingTheSameUnwrappedKeyShareOneDecryptCall() throws Exception {
        byte[] envelope = new Vault(memory, new MutableClock(Instant.EPOCH)).encrypt(acme, binding(ACME), TOKEN);
        List<Future<byte[]>> opened = start(() -> vault.decrypt(acme, binding(ACME), envelope).utf8());
        kms.open();
        for (Future<byte[]> plaintext : opened) {
            assertThat(plaintext.get()).isEqualTo(TOKEN.utf8());
        }
        assertThat(kms.gatedCalls()).isEqualTo(1);
    }

    @Test
    void aFailedCallFailsEveryThreadWaitingForItAtOnceInsteadOfOneAfterAnother() throws Exception {
        List<Future<byte[]>> sealed = startEncryptions();
        kms.failWhenOpened();
        kms.open();
        for (Future<byte[]> envelope : sealed) {
            assertThat(failureOf(envelope)).isInstanceOf(KmsUnavailableException.class).hasMessageContaining("KMS");
        }
        assertThat(kms.gatedCalls()).isEqualTo(1);
    }

    @Test
    void anotherTenantIsServedWhileOneTenantWaitsForTheKms() throws Exception {
        List<Future<byte[]>> blocked = startEncryptions();
        TenantKeys globex = vault.createTenantKeys(GLOBEX);
        assertThat(vault.decrypt(globex, binding(GLOBEX), vault.encrypt(globex, binding(GLOBEX), TOKEN))).isEqualTo(TOKEN);
        assertThat(blocked).noneMatch(Future::isDone);
    }

    private List<Future<byte[]>> startEncryptions() {
        return start(() -> vault.encrypt(acme, binding(ACME), TOKEN));
    }

    /** Starts {@code task} on every thread and returns once all of them wait (for the KMS or for each other). */
    private List<Future<byte[]>> start(Callable<byte[]> task) {
        List<Thread> workers = new CopyOnWriteArrayList<>();
        List<Future<byte[]>> sealed = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            sealed.add(pool.submit(() -> {
                workers.add(Thread.currentThread());
                return task.call();
            }));
        }
        await().until(() -> workers.size() == THREADS
                && workers.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
        return sealed;
    }

    private static Throwable failureOf(Future<byte[]> future) throws InterruptedException {
        try {
            future.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static SecretBinding binding(TenantId tenant) {
        return new SecretBinding(tenant, "mastodon", "alice", Purpose.ACCESS_TOKEN);
    }
}
