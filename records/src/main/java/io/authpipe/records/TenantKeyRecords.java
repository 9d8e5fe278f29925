package io.authpipe.records;

import io.authpipe.core.identity.TenantId;
import io.authpipe.events.Tenant;
import io.authpipe.vault.KekRef;
import io.authpipe.vault.TenantKeys;
import io.authpipe.vault.WrappedDataKey;

/** The vault keys named by an {@code authpipe.tenants} record. */
public final class TenantKeyRecords {
    private TenantKeyRecords() {
    }

    /** The tenant's key-encryption keys (newest last) and the data keys of the first release, still readable. */
    public static TenantKeys keysOf(Tenant record) {
        return new TenantKeys(TenantId.of(record.getTenantId()), record.getKeks().stream().map(KekRef::new).toList(),
                record.getDataKeys().stream()
                        .map(k -> new WrappedDataKey(k.getKeyId(), k.getKekRef(), SealedBytes.bytes(k.getWrapped())))
                        .toList());
    }
}
