package io.authpipe.vault.kms.aws;

import io.authpipe.core.identity.TenantId;
import io.authpipe.vault.KekRef;
import io.authpipe.vault.KmsKeyUnusableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AlreadyExistsException;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.Tag;

/**
 * Creates a tenant's KMS key: CreateKey (symmetric, ENCRYPT_DECRYPT, Description {@code Authpipe tenant <id>}, tag
 * {@code authpipe:tenant=<id>}), then CreateAlias {@code alias/<prefix><tenant>-<n>} with the first free n (n-th
 * rotation: n CreateAlias calls; rotation is rare). The alias is for people; Authpipe stores the ARN. If the alias
 * cannot be created the key is left behind, findable by its tag, and the failure is thrown.
 */
final class TenantKeyFactory {
    static final String TENANT_TAG = "authpipe:tenant";
    private static final Logger LOG = LoggerFactory.getLogger(TenantKeyFactory.class);
    private static final int MAX_ALIAS_NUMBER = 10_000;

    private final KmsClient client;
    private final String aliasPrefix;

    TenantKeyFactory(KmsClient client, String aliasPrefix) {
        this.client = client;
        this.aliasPrefix = aliasPrefix;
    }

    KekRef create(TenantId tenant) {
        String arn = AwsKms.call("CreateKey", "new key of tenant " + tenant, () -> client.createKey(r -> r
                .description("Authpipe tenant " + tenant.value())
                .keyUsage(KeyUsageType.ENCRYPT_DECRYPT).keySpec(KeySpec.SYMMETRIC_DEFAULT)
                .tags(Tag.builder().tagKey(TENANT_TAG).tagValue(tenant.value()).build()))).keyMetadata().arn();
        try {
            alias(tenant, arn);
        } catch (RuntimeException e) {
            LOG.warn("tenant={} kek={} key created but its alias could not be; it is tagged {}", tenant, arn, TENANT_TAG);
            throw e;
        }
        return new KekRef(arn);
    }

    private void alias(TenantId tenant, String arn) {
        for (int n = 1; n <= MAX_ALIAS_NUMBER; n++) {
            String alias = "alias/" + aliasPrefix + tenant.value() + "-" + n;
            try {
                client.createAlias(r -> r.aliasName(alias).targetKeyId(arn));
                return;
            } catch (AlreadyExistsException taken) {
                LOG.debug("tenant={} alias {} is taken, trying the next number", tenant, alias);
            } catch (SdkException e) {
                throw AwsErrors.map("CreateAlias", alias, e);
            }
        }
        throw KmsKeyUnusableException.of("CreateAlias", arn, "no free alias number for tenant " + tenant, null);
    }
}
