package dev.flotilla.server.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Answers a {@link ProblemException} with its problem. */
@Singleton
@Produces
public class ProblemExceptionHandler implements ExceptionHandler<ProblemException, HttpResponse<byte[]>> {
    @Override
    public HttpResponse<byte[]> handle(HttpRequest request, ProblemException exception) {
        MutableHttpResponse<byte[]> response = Problems.response(Problems.of(exception, request));
        return exception.retryAfterSeconds() == null ? response
                : response.header("Retry-After", Integer.toString(exception.retryAfterSeconds()));
    }
}
