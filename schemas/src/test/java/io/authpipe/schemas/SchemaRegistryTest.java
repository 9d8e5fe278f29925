package io.authpipe.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaRegistryTest {

    @Test
    void anAbsentOrBlankUrlMeansNoRegistry() {
        assertThat(SchemaRegistry.fromUrl(Optional.empty())).isSameAs(SchemaRegistry.none());
        assertThat(SchemaRegistry.fromUrl(Optional.of("  "))).isSameAs(SchemaRegistry.none());
        assertThat(SchemaRegistry.none().url()).isEmpty();
        assertThat(SchemaRegistry.none()).hasToString("SchemaRegistry[none]");
    }

    @Test
    void aUrlMeansAConfluentRegistryWhoseUrlIsShownWithoutCredentials() {
        SchemaRegistry registry = SchemaRegistry.fromUrl(Optional.of("https://svc:hunter2@registry.example/apis/ccompat/v7/"));

        assertThat(registry.url()).contains(URI.create("https://registry.example/apis/ccompat/v7"));
        assertThat(registry.toString()).isEqualTo("SchemaRegistry[confluent https://registry.example/apis/ccompat/v7]");
    }

    @Test
    void anInvalidUrlIsRejectedWithoutQuotingIt() {
        assertThatThrownBy(() -> SchemaRegistry.fromUrl(Optional.of("http://svc:hunter2@bad host/")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid URI")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void onlyHttpAndHttpsUrlsWithoutQueryAreAccepted() {
        assertThatThrownBy(() -> SchemaRegistry.confluent(URI.create("ftp://registry.example")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http");
        assertThatThrownBy(() -> SchemaRegistry.confluent(URI.create("registry.example:8081")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SchemaRegistry.confluent(URI.create("http://registry.example/?x=1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query");
    }

    @Test
    void theTimeoutMustBePositive() {
        URI url = URI.create("http://registry.example");

        assertThatThrownBy(() -> SchemaRegistry.confluent(url, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }
}
