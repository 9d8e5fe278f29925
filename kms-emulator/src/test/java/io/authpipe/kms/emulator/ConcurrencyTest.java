package io.authpipe.kms.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;

class ConcurrencyTest {

    private final KmsFixture fixture = new KmsFixture();
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void close() {
        pool.shutdownNow();
        fixture.close();
    }

    @Test
    void concurrentRoundTripsWhileTheKeyRotatesAllSucceed() throws Exception {
        String key = fixture.newKey();
        List<Callable<String>> tasks = IntStream.range(0, 64).<Callable<String>>mapToObj(i -> () -> {
            if (i % 8 == 0) {
                fixture.kms.rotateKeyOnDemand(request -> request.keyId(key));
            }
            Map<String, String> context = Map.of("n", Integer.toString(i));
            byte[] blob = fixture.encrypt(key, "secret-" + i, context);
            return fixture.kms.decrypt(request -> request.ciphertextBlob(SdkBytes.fromByteArray(blob))
                    .encryptionContext(context)).plaintext().asUtf8String();
        }).toList();

        List<String> results = pool.invokeAll(tasks).stream().map(ConcurrencyTest::get).toList();

        assertThat(results).containsExactlyElementsOf(IntStream.range(0, 64).mapToObj(i -> "secret-" + i).toList());
        assertThat(fixture.emulator.callCount("Encrypt")).isEqualTo(64);
        assertThat(fixture.emulator.callCount("RotateKeyOnDemand")).isEqualTo(8);
    }

    private static String get(Future<String> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
