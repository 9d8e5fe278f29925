package io.authpipe.broker.flow;

import io.authpipe.broker.api.ApiProblem;
import io.authpipe.events.ConnectReply;
import io.authpipe.events.ConnectRequest;

/** Maps connect requests and outcomes between Avro records and the flow's types. */
final class ConnectReplies {
    private ConnectReplies() {
    }

    static ConnectCommand command(ConnectRequest request) {
        return new ConnectCommand(request.getConnection().getProvider(), request.getConnection().getUserId(),
                request.getInstance(), request.getScopes(), request.getReturnTo(), request.getForceLogin());
    }

    static ConnectReply of(ConnectRequest request, ConnectOutcome outcome) {
        if (outcome instanceof ConnectOutcome.AuthorizeLink link) {
            return ConnectReply.newBuilder()
                    .setRequestId(request.getRequestId())
                    .setConnection(request.getConnection())
                    .setAuthorizeUrl(link.authorizeUrl())
                    .setExpiresAt(link.expiresAt())
                    .build();
        }
        return refused(request, ((ConnectOutcome.Refused) outcome).problem());
    }

    static ConnectReply refused(ConnectRequest request, ApiProblem problem) {
        return ConnectReply.newBuilder()
                .setRequestId(request.getRequestId())
                .setConnection(request.getConnection())
                .setErrorCode(problem.error())
                .setErrorMessage(problem.message())
                .build();
    }
}
