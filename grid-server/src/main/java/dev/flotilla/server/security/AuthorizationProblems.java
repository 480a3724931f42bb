package dev.flotilla.server.security;

import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.server.problem.Problems;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * A rejected request as problem+json: 401 {@code unauthorized} with {@code WWW-Authenticate: Bearer} when no valid
 * token came, 403 {@code forbidden} naming the roles that would open the endpoint when the token's roles do not.
 * Both are definite: the endpoint did not run.
 */
@Singleton
@Produces
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class AuthorizationProblems implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        String route = request.getMethodName() + " " + request.getPath();
        if (exception.isForbidden()) {
            Access access = AccessRule.access(request);
            return Problems.response(Problems.of(ErrorCode.FORBIDDEN, 403, "the token '"
                    + exception.getAuthentication().getName() + "' has no role that may use " + route + " (it needs "
                    + String.join(" or ", access.roles().stream().map(Role::id).toList()) + ")", request));
        }
        return Problems.response(Problems.of(ErrorCode.UNAUTHORIZED, 401, route + " needs a valid bearer token"
                        + " (Authorization: Bearer <token>); none was sent or the node does not know it", request))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"flotilla\"");
    }
}
