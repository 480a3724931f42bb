package dev.flotilla.server.problem;

import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.client.protocol.Problem;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.NotAcceptableException;
import io.micronaut.http.server.exceptions.NotAllowedException;
import io.micronaut.http.server.exceptions.UnsupportedMediaException;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import io.micronaut.web.router.exceptions.UnsatisfiedRouteException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Turns every error Micronaut answers by itself (no route 404, 405, 415, 406, 413, unreadable bodies, missing
 * arguments, unhandled exceptions 500) into a problem+json body. Micronaut's own exception handlers all end here,
 * so this replaces its default JSON/HTML error bodies everywhere. Details are fixed wording per case, naming only
 * what is ours (the route, the header, the parameter): no library exception message reaches the caller.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class FrameworkErrors implements ErrorResponseProcessor<byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(FrameworkErrors.class);

    private final long maxRequestSize;

    public FrameworkErrors(@Value("${micronaut.server.max-request-size:10485760}") long maxRequestSize) {
        this.maxRequestSize = maxRequestSize;
    }

    @Override
    public MutableHttpResponse<byte[]> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        return Problems.fill(response, problem(context, response.code()));
    }

    private Problem problem(ErrorContext context, int status) {
        HttpRequest<?> request = context.getRequest();
        Throwable cause = context.getRootCause().orElse(null);
        String route = request.getMethodName() + " " + request.getPath();
        if (status >= 500) {
            if (cause != null) {
                LOG.error("unexpected failure of {}", route, cause);
            }
            return Problems.of(ErrorCode.INTERNAL, status, Problems.INTERNAL_DETAIL, request);
        }
        return switch (status) {
            case 404 -> Problems.of(ErrorCode.ROUTE_NOT_FOUND, status, "no endpoint at " + route
                    + "; the API is described at /swagger/flotilla-0.1.yml", request);
            case 405 -> Problems.of(ErrorCode.METHOD_NOT_ALLOWED, status, request.getMethodName() + " is not allowed on "
                    + request.getPath() + (cause instanceof NotAllowedException notAllowed
                    ? "; allowed: " + String.join(", ", notAllowed.getAllowedMethods().stream().sorted().toList()) : ""),
                    request);
            case 415 -> Problems.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, status, "Content-Type "
                    + request.getContentType().map(t -> "'" + t + "'").orElse("(none)") + " is not accepted by " + route
                    + (cause instanceof UnsupportedMediaException unsupported
                    ? "; send " + String.join(" or ", unsupported.getAcceptableContentTypes()) : ""), request);
            case 406 -> Problems.of(ErrorCode.NOT_ACCEPTABLE, status, route + " cannot answer with any type in Accept: "
                    + request.getHeaders().get("Accept")
                    + (cause instanceof NotAcceptableException notAcceptable
                    ? "; it produces " + String.join(", ", notAcceptable.getProduceableContentTypes()) : ""), request);
            case 413 -> Problems.of(ErrorCode.BODY_TOO_LARGE, status, "the request body is larger than the limit of "
                    + maxRequestSize + " bytes", request);
            case 400 -> badRequest(cause, request, route, status);
            default -> Problems.of(ErrorCode.BAD_REQUEST, status, route + " rejected the request (HTTP " + status + ")",
                    request);
        };
    }

    private Problem badRequest(Throwable cause, HttpRequest<?> request, String route, int status) {
        if (cause instanceof ContentLengthExceededException) {
            return Problems.of(ErrorCode.BODY_TOO_LARGE, 413, "the request body is larger than the limit of "
                    + maxRequestSize + " bytes", request);
        }
        if (isJsonFailure(cause)) {
            return Problems.of(ErrorCode.MALFORMED_JSON, status, "the request body is not well-formed JSON", request);
        }
        if (cause instanceof UnsatisfiedBodyRouteException) {
            return Problems.of(ErrorCode.INVALID_REQUEST, status, "the request needs a body", request);
        }
        if (cause instanceof UnsatisfiedRouteException unsatisfied) {
            return Problems.of(ErrorCode.INVALID_PARAMETER, status, "missing required " + unsatisfied.getArgument().getName(), request);
        }
        if (cause instanceof ConversionErrorException conversion) {
            return Problems.of(ErrorCode.INVALID_PARAMETER, status, "parameter '" + conversion.getArgument().getName()
                    + "' has a value of the wrong type", request);
        }
        return Problems.of(ErrorCode.BAD_REQUEST, status, route + " could not read the request (its headers,"
                + " parameters or body)", request);
    }

    private static boolean isJsonFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName().toLowerCase(Locale.ROOT);
            if (name.contains("json")) {
                return true;
            }
        }
        return false;
    }
}
