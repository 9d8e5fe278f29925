package io.authpipe.broker.flow;

import io.authpipe.broker.tenant.Tenant;

/**
 * Answers a request to connect (the HTTP API's {@code POST /v1/connect}, a record on
 * {@code authpipe.connect-requests}) with a link to Authpipe's connect page, where the user's click starts the
 * flow, or with why not.
 */
public interface ConnectLinks {
    ConnectOutcome link(Tenant tenant, ConnectCommand command);
}
