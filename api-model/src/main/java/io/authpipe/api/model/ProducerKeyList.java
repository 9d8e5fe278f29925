package io.authpipe.api.model;

import java.util.List;

/** {@code GET /v1/producer-keys}: the tenant's producer signing keys, without their values. */
public record ProducerKeyList(List<ProducerKeyBody> keys) {
}
