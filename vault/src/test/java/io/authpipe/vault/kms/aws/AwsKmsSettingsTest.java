package io.authpipe.vault.kms.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authpipe.vault.kms.aws.AwsKmsSettings.Mode;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AwsKmsSettingsTest {

    @Test
    void defaultsArePerTenantKeysWithTheAuthpipePrefixAndTheSdkDefaultsForEndpointAndRegion() {
        AwsKmsSettings settings = AwsKmsSettings.fromEnv(Map.of());
        assertThat(settings).isEqualTo(new AwsKmsSettings(Mode.PER_TENANT, Optional.empty(), "authpipe/",
                Optional.empty(), Optional.empty()));
    }

    @Test
    void sharedModeNamesItsKeyByIdArnOrAlias() {
        AwsKmsSettings settings = AwsKmsSettings.fromEnv(Map.of(
                "AUTHPIPE_KMS_TENANT_KEYS", "shared", "AUTHPIPE_KMS_KEY_ID", "alias/authpipe"));
        assertThat(settings.mode()).isEqualTo(Mode.SHARED);
        assertThat(settings.keyId()).contains("alias/authpipe");
    }

    @Test
    void theKmsSpecificEndpointWinsOverTheGeneralOneAndAwsRegionOverTheDefaultRegion() {
        AwsKmsSettings settings = AwsKmsSettings.fromEnv(Map.of(
                "AWS_ENDPOINT_URL_KMS", "http://127.0.0.1:4566", "AWS_ENDPOINT_URL", "http://elsewhere:1",
                "AWS_REGION", "eu-west-1", "AWS_DEFAULT_REGION", "us-east-2", "AUTHPIPE_KMS_ALIAS_PREFIX", "prod/"));
        assertThat(settings.endpointOverride()).contains(URI.create("http://127.0.0.1:4566"));
        assertThat(settings.region()).contains("eu-west-1");
        assertThat(settings.aliasPrefix()).isEqualTo("prod/");
        assertThat(AwsKmsSettings.fromEnv(Map.of("AWS_ENDPOINT_URL", "https://kms.example", "AWS_DEFAULT_REGION", "us-east-2")))
                .extracting(AwsKmsSettings::endpointOverride, AwsKmsSettings::region)
                .containsExactly(Optional.of(URI.create("https://kms.example")), Optional.of("us-east-2"));
    }

    @Test
    void sharedModeWithoutAKeyIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> AwsKmsSettings.fromEnv(Map.of("AUTHPIPE_KMS_TENANT_KEYS", "shared")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AUTHPIPE_KMS_KEY_ID");
    }

    @Test
    void aKeyIdWithPerTenantKeysIsRefusedAsAmbiguous() {
        assertThatThrownBy(() -> AwsKmsSettings.fromEnv(Map.of("AUTHPIPE_KMS_KEY_ID", "alias/x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AUTHPIPE_KMS_TENANT_KEYS=shared");
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() {
        assertThatThrownBy(() -> AwsKmsSettings.fromEnv(Map.of("AUTHPIPE_KMS_TENANT_KEYS", "one")))
                .hasMessageContaining("AUTHPIPE_KMS_TENANT_KEYS must be per-tenant or shared");
        assertThatThrownBy(() -> AwsKmsSettings.fromEnv(Map.of("AUTHPIPE_KMS_ALIAS_PREFIX", "aws/x")))
                .hasMessageContaining("AUTHPIPE_KMS_ALIAS_PREFIX");
        assertThatThrownBy(() -> AwsKmsSettings.fromEnv(Map.of("AWS_ENDPOINT_URL_KMS", "localhost:4566")))
                .hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> AwsKmsSettings.fromEnv(Map.of("AWS_ENDPOINT_URL", "http://a b")))
                .hasMessageContaining("not a URI");
    }
}
