package io.authpipe.broker.flow;

import io.authpipe.broker.api.ApiProblem;
import io.authpipe.events.ConnectReply;
import io.authpipe.events.ConnectRequest;
import java.util.Optional;

/**
 * Maps connect requests and outcomes between Avro records and the flow's types. A reply never carries a secret:
 * its authorize link (to the connect page) ends with the public id of a connect session, {@code #token=<id>.}, and
 * only the producer, which sent its secret's SHA-256 as {@code stateChallenge}, can complete the token by
 * appending the secret.
 */
final class ConnectReplies {
    private ConnectReplies() {
    }

    static ConnectCommand command(ConnectRequest request) {
        return new ConnectCommand(request.getConnection().getProvider(), request.getConnection().getUserId(),
                request.getInstance(), request.getScopes(), request.getReturnTo(), request.getForceLogin(),
                Optional.ofNullable(request.getStateChallenge()));
    }

    /**
     * Why a request cannot be answered on the topic, if it cannot: without a challenge its state would have to be
     * published whole, and anyone reading {@code authpipe.connect-replies} could finish or spoil the flow.
     */
    static Optional<ApiProblem> unanswerable(ConnectRequest request) {
        if (request.getStateChallenge() == null) {
            return Optional.of(ApiProblem.badRequest("state_challenge_required", "a ConnectRequest must carry "
                    + "stateChallenge, the base64url SHA-256 of a secret you keep; append the secret to the reply's "
                    + "authorizeUrl (see the README)"));
        }
        return Optional.empty();
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
